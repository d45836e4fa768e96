/**
 * NLP timings for `npm run bench`: model load, per-message scoring, queue
 * routing, summary time. The baselines are measured in the same run so ratios stay meaningful
 * across machines: JSON.parse of the same message stands in for "the least
 * work any handler does per message".
 */
import { loadDefaultIntentClassifier } from '../src/shared/nlp/intent/default-intent-classifier.js';
import { shippedSentimentModels } from '../src/shared/nlp/sentiment/default-classifier.js';
import { createPolarityScorer } from '../src/shared/nlp/sentiment/polarity-scorer.js';
import { createSentimentClassifier } from '../src/shared/nlp/sentiment/sentiment-classifier.js';
import { summarize } from '../src/shared/nlp/summary/summarize.js';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
}

const MESSAGES = [
  '客服态度太差了，等了半个小时还没有人理我，我要投诉',
  '东西收到了，质量很好，物流也快，谢谢',
  'I have been waiting for two weeks and my refund still has not arrived',
  'thanks, that fixed it!',
  '这个app太卡了 so slow 😡',
];

function timePerCall(fn: () => void, iterations: number): number {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - started) / iterations;
}

export async function runNlpBench(): Promise<BenchRow[]> {
  const loadRuns = 5;
  let loadMs = 0;
  const models = shippedSentimentModels();
  let classifier = createSentimentClassifier(models);
  for (let i = 0; i < loadRuns; i++) {
    const started = performance.now();
    classifier = createSentimentClassifier(models);
    loadMs += performance.now() - started;
  }
  // The review-trained polarity stage alone is what scoring cost before the desk heads.
  const polarity = createPolarityScorer(models);
  const json = MESSAGES.map((text, id) => JSON.stringify({ id, text }));
  let k = 0;
  const scoreMs = timePerCall(() => classifier.classify(MESSAGES[k++ % MESSAGES.length]!), 50_000);
  const polarityMs = timePerCall(() => polarity.read(MESSAGES[k++ % MESSAGES.length]!), 50_000);
  const parseMs = timePerCall(() => JSON.parse(json[k++ % json.length]!), 50_000);
  const turns = Array.from({ length: 40 }, (_, i) => ({
    speaker: i % 2 === 0 ? ('customer' as const) : ('agent' as const),
    text: i % 2 === 0 ? '请问我的订单什么时候发货?' : '预计明天发货，请您耐心等待',
  }));
  const summaryMs = timePerCall(() => summarize(turns), 2000);
  const intent = loadDefaultIntentClassifier();
  const routeMs = timePerCall(() => intent.route(MESSAGES[k++ % MESSAGES.length]!), 20_000);
  return [
    { name: 'sentiment: load shipped weights (zh+en)', value: loadMs / loadRuns, unit: 'ms', baseline: 'budget 100 ms' },
    {
      name: 'sentiment: score one message',
      value: scoreMs,
      unit: 'ms',
      baseline: `budget 0.2 ms; ${(scoreMs / parseMs).toFixed(1)}× JSON.parse of the message; ${(scoreMs / polarityMs).toFixed(2)}× the polarity stage alone`,
    },
    { name: 'intent: route one first message', value: routeMs, unit: 'ms', baseline: `${(routeMs / scoreMs).toFixed(1)}× scoring its sentiment` },
    { name: 'summary: 40-turn conversation', value: summaryMs, unit: 'ms' },
  ];
}
