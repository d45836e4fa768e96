/**
 * Suggests a queue (skill) from a customer's first message: an intent model per language,
 * routed by script, and the intent's queue. A suggestion, not a decision: `confidence` lets a
 * router fall back to its default queue when the model is unsure.
 */
import { clipText, normalizeText } from '../common/normalize.js';
import { measureScriptMix } from '../common/script-mix.js';
import { SparseSoftmaxModel, type SerializedSparseSoftmax } from '../common/sparse-softmax-model.js';
import { queueForIntent, type IntentLanguage } from './intent-queues.js';

export interface IntentSuggestion {
  /** The model's label, e.g. "card_arrival" or "配送周期"; null when the text gave it nothing to go on. */
  intent: string | null;
  /** The queue with the most probability over its intents; usually, not always, the intent's own. */
  queue: string;
  /** Softmax probability of the intent, in [0, 1]. */
  confidence: number;
  /** Total probability of the queue's intents, in [0, 1]. */
  queueConfidence: number;
  language: IntentLanguage;
  /** The next most likely intents, best first. */
  alternatives: Array<{ intent: string; queue: string; confidence: number }>;
}

export interface IntentClassifier {
  suggest(text: string): IntentSuggestion;
}

export function createIntentClassifier(models: Record<IntentLanguage, SerializedSparseSoftmax>, maxChars = 2000): IntentClassifier {
  const loaded = { en: new SparseSoftmaxModel(models.en), zh: new SparseSoftmaxModel(models.zh) };
  return {
    suggest(text) {
      const normalized = normalizeText(clipText(text, maxChars));
      const language: IntentLanguage = measureScriptMix(normalized).zhShare >= 0.5 ? 'zh' : 'en';
      const model = loaded[language];
      const { logits, known } = model.score(normalized);
      if (known === 0) return { intent: null, queue: 'general', confidence: 0, queueConfidence: 0, language, alternatives: [] };
      const max = Math.max(...logits);
      const exp = Array.from(logits, (z) => Math.exp(z - max));
      const total = exp.reduce((a, b) => a + b, 0);
      const ranked = exp
        .map((e, i) => ({ intent: model.labels[i]!, queue: queueForIntent(language, model.labels[i]!), confidence: e / total }))
        .sort((a, b) => b.confidence - a.confidence);
      // The queue is the one with the most probability in total: three likely delivery topics
      // outvote one slightly likelier refund topic.
      const byQueue = new Map<string, number>();
      for (const r of ranked) byQueue.set(r.queue, (byQueue.get(r.queue) ?? 0) + r.confidence);
      const queue = [...byQueue].sort((a, b) => b[1] - a[1])[0]![0];
      const [best, ...rest] = ranked;
      return { intent: best!.intent, queue, confidence: best!.confidence, queueConfidence: byQueue.get(queue)!, language, alternatives: rest.slice(0, 2) };
    },
  };
}
