/**
 * The Chinese queue model: the five desk queues straight from a customer's first message, a
 * softmax over character n-grams and the queue cue words (queue-cues.ts), trained on hand-labelled
 * CSDS first messages. Fine-grained topics come from the topic model beside it.
 */
import { z } from 'zod';
import { HybridSoftmax, hybridPartsSchema } from '../common/hybrid-softmax.js';
import { QUEUE_CUES } from './queue-cues.js';
import { SERVICE_QUEUES, type ServiceQueue } from './service-queues.js';

/** Its classes are SERVICE_QUEUES in order; its dense features are queueFeatures. */
export const serializedQueueModelSchema = hybridPartsSchema.extend({
  format: z.literal('switchboard-queue-model-v1'),
  language: z.enum(['zh', 'en']),
});

export type SerializedQueueModel = z.infer<typeof serializedQueueModelSchema>;

/** One 0/1 per queue whose cue words appear, then a constant. Shared by training and inference. */
export function queueFeatures(normalized: string, language: 'zh' | 'en'): number[] {
  return [...SERVICE_QUEUES.map((queue) => (QUEUE_CUES[language][queue].test(normalized) ? 1 : 0)), 1];
}

export class QueueModel {
  private readonly model: HybridSoftmax;
  private readonly language: 'zh' | 'en';

  constructor(serialized: SerializedQueueModel) {
    const parsed = serializedQueueModelSchema.parse(serialized);
    this.model = new HybridSoftmax(parsed, { labels: SERVICE_QUEUES, denseWidth: SERVICE_QUEUES.length + 1 });
    this.language = parsed.language;
  }

  /** P(queue) for each queue, in SERVICE_QUEUES order. */
  probabilities(normalized: string): Map<ServiceQueue, number> {
    const p = this.model.probabilities(normalized, queueFeatures(normalized, this.language));
    return new Map(SERVICE_QUEUES.map((queue, i) => [queue, p[i] ?? 0]));
  }
}
