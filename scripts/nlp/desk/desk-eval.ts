/** Three-way sentiment on the held-back part of the hand-labelled desk sets, for eval.ts and docs/quality.md. */
import type { SentimentClassifier } from '../../../src/shared/nlp/sentiment/sentiment-classifier.js';
import type { SentimentLabel } from '../../../src/shared/nlp/sentiment/sentiment-bands.js';
import type { DeskLanguage } from './desk-turns.js';
import { loadDeskSentiment, type DeskSentimentLabel } from './desk-labels.js';

export interface DeskSentimentFigure {
  language: DeskLanguage;
  part: 'heldout' | 'train';
  rows: number;
  /** Hand labels: how many of each. */
  counts: Record<DeskSentimentLabel, number>;
  /** Neutral or positive turns the classifier calls negative, in percent. */
  calmCalledNegative: number;
  /** Negative turns (strong ones included) the classifier calls negative, in percent. */
  complaintsCaught: number;
  /** Strongly negative turns the classifier marks strongNegative, in percent (NaN when there are none). */
  strongCaught: number;
  /** Neutral or positive turns marked strongNegative, in percent. */
  calmCalledStrong: number;
  /** Three-way accuracy (strong negatives count as negative), in percent. */
  accuracy: number;
  /** Before the desk heads: the same turns read by the review-trained polarity alone (its sign), in percent. */
  calmCalledNegativeBefore?: number;
  /** confusion[hand][predicted]. */
  confusion: Record<SentimentLabel, Record<SentimentLabel, number>>;
}

const pct = (n: number, d: number): number => (d === 0 ? Number.NaN : (100 * n) / d);

function threeWay(label: DeskSentimentLabel): SentimentLabel {
  return label === 'strong-negative' ? 'negative' : label;
}

export function measureDeskSentiment(classifier: SentimentClassifier, language: DeskLanguage, part: 'heldout' | 'train'): DeskSentimentFigure {
  const rows = loadDeskSentiment(language, part);
  const counts: Record<DeskSentimentLabel, number> = { 'strong-negative': 0, negative: 0, neutral: 0, positive: 0 };
  const empty = (): Record<SentimentLabel, number> => ({ negative: 0, neutral: 0, positive: 0 });
  const confusion: Record<SentimentLabel, Record<SentimentLabel, number>> = { negative: empty(), neutral: empty(), positive: empty() };
  let calm = 0;
  let calmNegative = 0;
  let calmStrong = 0;
  let complaints = 0;
  let caught = 0;
  let strong = 0;
  let strongCaught = 0;
  let right = 0;
  for (const row of rows) {
    counts[row.label]++;
    const result = classifier.classify(row.text);
    const truth = threeWay(row.label);
    confusion[truth][result.label]++;
    if (truth === result.label) right++;
    if (truth === 'negative') {
      complaints++;
      if (result.label === 'negative') caught++;
      if (row.label === 'strong-negative') {
        strong++;
        if (result.strongNegative) strongCaught++;
      }
    } else {
      calm++;
      if (result.label === 'negative') calmNegative++;
      if (result.strongNegative) calmStrong++;
    }
  }
  return {
    language,
    part,
    rows: rows.length,
    counts,
    calmCalledNegative: pct(calmNegative, calm),
    complaintsCaught: pct(caught, complaints),
    strongCaught: pct(strongCaught, strong),
    calmCalledStrong: pct(calmStrong, calm),
    accuracy: pct(right, rows.length),
    confusion,
  };
}
