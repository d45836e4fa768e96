/** Review-set and SST-2 long-row figures for eval.ts and docs/quality.md. */
import type { PolarityScorer } from '../../src/shared/nlp/sentiment/polarity-scorer.js';
import type { SentimentClassifier } from '../../src/shared/nlp/sentiment/sentiment-classifier.js';
import { SST2_LONG_WORDS, type LabeledText } from './datasets.js';

export interface SentimentFigure {
  name: string;
  rows: number;
  /** The shipped classifier: the sign of its score (P(positive) − P(negative)) against the binary label. */
  accuracy: number;
  /** The review-trained polarity stage alone, as the figures before the desk heads were measured. */
  polarityAccuracy: number;
  /** Rows the shipped classifier calls neutral. */
  neutralShare: number;
  published: string;
  note: string;
}

export function measureSentiment(
  classifier: SentimentClassifier,
  polarity: PolarityScorer,
  rows: readonly LabeledText[],
  about: Pick<SentimentFigure, 'name' | 'published' | 'note'>,
): SentimentFigure {
  let right = 0;
  let polarityRight = 0;
  let neutral = 0;
  for (const row of rows) {
    const result = classifier.classify(row.text);
    if ((result.score >= 0 ? 1 : 0) === row.label) right++;
    if ((polarity.read(row.text).logit >= 0 ? 1 : 0) === row.label) polarityRight++;
    if (result.label === 'neutral') neutral++;
  }
  const pct = (n: number): number => (100 * n) / rows.length;
  return { ...about, rows: rows.length, accuracy: pct(right), polarityAccuracy: pct(polarityRight), neutralShare: pct(neutral) };
}

export function isLongRow(row: LabeledText): boolean {
  return row.text.split(/\s+/).length >= SST2_LONG_WORDS;
}
