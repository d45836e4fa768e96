/** Intent and queue accuracy on the held-out splits (intent-corpus.ts, csds-intent-corpus.ts), for eval.ts and docs/quality.md. */
import type { IntentClassifier } from '../../src/shared/nlp/intent/intent-classifier.js';
import { queueForIntent } from '../../src/shared/nlp/intent/intent-queues.js';
import { SERVICE_QUEUES, type ServiceQueue } from '../../src/shared/nlp/intent/service-queues.js';
import { loadCsdsQueues } from './csds-intent-corpus.js';
import { loadIntentRows } from './intent-data.js';

/** The confidence a router might require; the report shows what it keeps and how right that is. */
export const REPORTED_THRESHOLD = 0.6;

export interface QueueFigure {
  name: string;
  rows: number;
  queueAccuracy: number;
  majorityQueueAccuracy: number;
  /** Rows with confidence at or above REPORTED_THRESHOLD, in percent, and the accuracy on them. */
  confidentShare: number;
  confidentAccuracy: number;
  /** Fine-grained intent, where the set has intent labels. */
  intentAccuracy?: number;
  top3Accuracy?: number;
  /** Rows labelled "none" (no request): how many, and the share the router would hold back (no queue or below the threshold). */
  noneRows?: number;
  noneHeldBack?: number;
  /** confusion[truth][predicted], predicted "none" for no queue. */
  confusion: Record<ServiceQueue, Record<ServiceQueue | 'none', number>>;
  published: string;
}

function emptyConfusion(): QueueFigure['confusion'] {
  const row = (): Record<ServiceQueue | 'none', number> => ({ logistics: 0, returns: 0, billing: 0, product: 0, account: 0, none: 0 });
  return { logistics: row(), returns: row(), billing: row(), product: row(), account: row() };
}

function measureQueues(classifier: IntentClassifier, rows: ReadonlyArray<{ text: string; queue: ServiceQueue }>): Omit<QueueFigure, 'name' | 'published'> {
  const confusion = emptyConfusion();
  const counts = new Map<ServiceQueue, number>();
  let right = 0;
  let confident = 0;
  let confidentRight = 0;
  for (const row of rows) {
    const route = classifier.route(row.text);
    counts.set(row.queue, (counts.get(row.queue) ?? 0) + 1);
    confusion[row.queue][route.queue ?? 'none']++;
    const ok = route.queue === row.queue;
    if (ok) right++;
    if (route.queue !== null && route.confidence >= REPORTED_THRESHOLD) {
      confident++;
      if (ok) confidentRight++;
    }
  }
  const pct = (n: number, d = rows.length): number => (d === 0 ? Number.NaN : (100 * n) / d);
  return {
    rows: rows.length,
    queueAccuracy: pct(right),
    majorityQueueAccuracy: pct(Math.max(...counts.values())),
    confidentShare: pct(confident),
    confidentAccuracy: pct(confidentRight, confident),
    confusion,
  };
}

export function measureEnglishIntent(classifier: IntentClassifier): QueueFigure {
  const rows = loadIntentRows('en', 'heldout');
  let right = 0;
  let top3 = 0;
  for (const row of rows) {
    const s = classifier.suggest(row.text);
    if (s.intent === row.intent) right++;
    if (s.intent === row.intent || s.alternatives.some((a) => a.intent === row.intent)) top3++;
  }
  const queued = rows.flatMap((row) => {
    const queue = queueForIntent('en', row.intent);
    return queue === null ? [] : [{ text: row.text, queue }];
  });
  return {
    name: 'Banking77 train, 10% hash hold-back',
    ...measureQueues(classifier, queued),
    intentAccuracy: (100 * right) / rows.length,
    top3Accuracy: (100 * top3) / rows.length,
    published: 'intent: BERT-Tuned 93.66, USE+ConveRT 93.36 (Casanueva et al. 2020, 3,080-row test set, not the same rows)',
  };
}

export function measureChineseQueues(classifier: IntentClassifier): QueueFigure {
  const rows = loadCsdsQueues('heldout');
  const queued = rows.flatMap((row) => (row.queue === 'none' ? [] : [{ text: row.text, queue: row.queue }]));
  const none = rows.filter((row) => row.queue === 'none');
  const heldBack = none.filter((row) => {
    const route = classifier.route(row.text);
    return route.queue === null || route.confidence < REPORTED_THRESHOLD;
  }).length;
  return {
    name: 'CSDS-topic val first messages, 20% of dialogues held back',
    ...measureQueues(classifier, queued),
    noneRows: none.length,
    noneHeldBack: none.length === 0 ? Number.NaN : (100 * heldBack) / none.length,
    published: 'none published',
  };
}

export { SERVICE_QUEUES };
