/**
 * Routes a customer's first message to a desk queue. Chinese: the queue model reads the queue
 * straight from the message, and the topic model names the most likely topic within it. English:
 * the Banking77 intent model, each intent mapped to a queue (intent-queues.ts), the queue being the
 * one with the most probability over its intents. A suggestion, not a decision: the router
 * applies its own confidence threshold and fallback queue.
 */
import { clipText, normalizeText } from '../common/normalize.js';
import { measureScriptMix } from '../common/script-mix.js';
import { SparseSoftmaxModel, type SerializedSparseSoftmax } from '../common/sparse-softmax-model.js';
import { queueForIntent, type IntentLanguage } from './intent-queues.js';
import { hasSubstance } from './opening-text.js';
import { QueueModel, type SerializedQueueModel } from './queue-model.js';
import type { ServiceQueue } from './service-queues.js';

export interface QueueRoute {
  /** Null when the message carries no request ("在吗", "hello?", a bare order number) or nothing the models know. */
  queue: ServiceQueue | null;
  /** The fine-grained intent within the queue, e.g. "card_arrival" or "配送周期". */
  intent: string | null;
  /** Probability of the queue, in [0, 1]; 0 when queue is null. */
  confidence: number;
  language: IntentLanguage;
}

export interface IntentSuggestion extends QueueRoute {
  /** The next most likely intents, best first, with their own queues and probabilities. */
  alternatives: Array<{ intent: string; queue: ServiceQueue | null; confidence: number }>;
}

export interface IntentClassifier {
  /** The queue for a customer's first substantive message. */
  route(text: string): QueueRoute;
  /** The same, with the runner-up intents. */
  suggest(text: string): IntentSuggestion;
}

export interface IntentModels {
  en: SerializedSparseSoftmax;
  zh: SerializedSparseSoftmax;
  queueZh: SerializedQueueModel;
}

interface Ranked {
  intent: string;
  queue: ServiceQueue | null;
  confidence: number;
}

function softmax(logits: Float64Array): number[] {
  const max = Math.max(...logits);
  const exp = Array.from(logits, (z) => Math.exp(z - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

export function createIntentClassifier(models: IntentModels, maxChars = 2000): IntentClassifier {
  const intents = { en: new SparseSoftmaxModel(models.en), zh: new SparseSoftmaxModel(models.zh) };
  const queuesZh = new QueueModel(models.queueZh);

  function suggest(text: string): IntentSuggestion {
    const normalized = normalizeText(clipText(text, maxChars));
    const language: IntentLanguage = measureScriptMix(normalized).zhShare >= 0.5 ? 'zh' : 'en';
    const nothing: IntentSuggestion = { queue: null, intent: null, confidence: 0, language, alternatives: [] };
    if (!hasSubstance(normalized)) return nothing;
    const model = intents[language];
    const { logits, known } = model.score(normalized);
    if (known === 0) return nothing;
    const ranked: Ranked[] = softmax(logits)
      .map((confidence, i) => ({ intent: model.labels[i]!, queue: queueForIntent(language, model.labels[i]!), confidence }))
      .sort((a, b) => b.confidence - a.confidence);
    let byQueue: Map<ServiceQueue, number>;
    if (language === 'zh') {
      byQueue = queuesZh.probabilities(normalized);
    } else {
      byQueue = new Map();
      for (const r of ranked) if (r.queue !== null) byQueue.set(r.queue, (byQueue.get(r.queue) ?? 0) + r.confidence);
    }
    const [queue, confidence] = [...byQueue].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
    if (queue === null) return nothing;
    const best = ranked.find((r) => r.queue === queue);
    return {
      queue,
      intent: best?.intent ?? null,
      confidence,
      language,
      alternatives: ranked.filter((r) => r !== best).slice(0, 2),
    };
  }

  return {
    suggest,
    route(text) {
      const { queue, intent, confidence, language } = suggest(text);
      return { queue, intent, confidence, language };
    },
  };
}
