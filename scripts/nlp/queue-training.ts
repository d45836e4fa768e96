/**
 * Trains the Chinese queue model (src/shared/nlp/intent/queue-model.ts) on the hand-labelled first
 * messages of the CSDS training and dev dialogues (not "none") and their QA user sentences.
 */
import { normalizeText } from '../../src/shared/nlp/common/normalize.js';
import { queueFeatures, type SerializedQueueModel } from '../../src/shared/nlp/intent/queue-model.js';
import { SERVICE_QUEUES } from '../../src/shared/nlp/intent/service-queues.js';
import type { FeatureSpec } from '../../src/shared/nlp/sentiment/vectorize.js';
import { vectorize } from '../../src/shared/nlp/sentiment/vectorize.js';
import { loadCsdsQueues, type QueueRow } from './csds-intent-corpus.js';
import type { IntentPart } from './intent-corpus.js';
import { fitSoftmax, pruneSoftmax, type SoftmaxDoc, type SoftmaxOptions } from './softmax-trainer.js';

export const QUEUE_ZH_SPEC: FeatureSpec = { language: 'zh', options: { maxN: 3, negationScope: false, contrastScope: false } };
export const QUEUE_ZH_TRAINER: SoftmaxOptions = { bits: 18, epochs: 30, learningRate: 0.5, l2: 0, seed: 7, maxEntries: 40_000 };

export function queueDoc(row: Pick<QueueRow, 'text' | 'queue' | 'weight'>): SoftmaxDoc {
  const normalized = normalizeText(row.text);
  return {
    buckets: vectorize(normalized, QUEUE_ZH_SPEC, QUEUE_ZH_TRAINER.bits),
    dense: queueFeatures(normalized, 'zh'),
    label: SERVICE_QUEUES.indexOf(row.queue as (typeof SERVICE_QUEUES)[number]),
    weight: row.weight,
  };
}

export function trainQueueModel(part: IntentPart): { model: SerializedQueueModel; rows: number } {
  const rows = loadCsdsQueues(part).filter((row) => row.queue !== 'none');
  const fitted = fitSoftmax(rows.map(queueDoc), SERVICE_QUEUES.length, QUEUE_ZH_TRAINER);
  const labelled = rows.filter((row) => row.weight === 1).length;
  const trainedOn = [`CSDS-topic val first messages labelled by hand, ${part} dialogues (${labelled} rows)`, `their QA user sentences (${rows.length - labelled} rows, weight 0.5)`];
  return {
    model: {
      format: 'switchboard-queue-model-v1',
      language: 'zh',
      sparse: pruneSoftmax(fitted, SERVICE_QUEUES, QUEUE_ZH_SPEC, QUEUE_ZH_TRAINER, trainedOn),
      dense: fitted.dense.map((row) => row.map((w) => Math.round(w * 1e4) / 1e4)),
    },
    rows: rows.length,
  };
}
