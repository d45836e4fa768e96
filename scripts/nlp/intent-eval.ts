/** Intent accuracy on the held-out splits (see intent-corpus.ts), for eval.ts and docs/quality.md. */
import { loadDefaultIntentClassifier } from '../../src/shared/nlp/intent/default-intent-classifier.js';
import { queueForIntent } from '../../src/shared/nlp/intent/intent-queues.js';
import { loadIntentRows, type IntentLanguage } from './intent-data.js';

export interface IntentFigure {
  name: string;
  rows: number;
  intents: number;
  intentAccuracy: number;
  top3Accuracy: number;
  queueAccuracy: number;
  /** Always suggesting the most common queue of the held-out rows. */
  majorityQueueAccuracy: number;
  published: string;
}

export function measureIntent(language: IntentLanguage, name: string, published: string): IntentFigure {
  const classifier = loadDefaultIntentClassifier();
  const rows = loadIntentRows(language, 'heldout');
  let right = 0;
  let top3 = 0;
  let queueRight = 0;
  const queues = new Map<string, number>();
  for (const row of rows) {
    const s = classifier.suggest(row.text);
    const truthQueue = queueForIntent(language, row.intent);
    queues.set(truthQueue, (queues.get(truthQueue) ?? 0) + 1);
    if (s.intent === row.intent) right++;
    if (s.intent === row.intent || s.alternatives.some((a) => a.intent === row.intent)) top3++;
    if (s.queue === truthQueue) queueRight++;
  }
  const pct = (n: number): number => (100 * n) / rows.length;
  return {
    name,
    rows: rows.length,
    intents: new Set(rows.map((r) => r.intent)).size,
    intentAccuracy: pct(right),
    top3Accuracy: pct(top3),
    queueAccuracy: pct(queueRight),
    majorityQueueAccuracy: pct(Math.max(...queues.values())),
    published,
  };
}
