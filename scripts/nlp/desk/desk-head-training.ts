/**
 * Trains a desk head (src/shared/nlp/sentiment/desk-head.ts) on the training part of a
 * hand-labelled desk set. Its bias towards "negative" is then set from five-fold out-of-fold
 * predictions on that same training part, so that about DESK_TARGET_FALSE_NEGATIVE of the
 * neutral and positive turns score at or below SENTIMENT_NEGATIVE_AT. The held-back part is
 * never read here.
 */
import { hashString } from '../../../src/shared/nlp/common/hash.js';
import { DESK_CLASSES, deskDenseFeatures, deskLogitOffsets, type SerializedDeskHead } from '../../../src/shared/nlp/sentiment/desk-head.js';
import type { PolarityScorer } from '../../../src/shared/nlp/sentiment/polarity-scorer.js';
import { SENTIMENT_NEGATIVE_AT } from '../../../src/shared/nlp/sentiment/sentiment-bands.js';
import { vectorize, type FeatureSpec } from '../../../src/shared/nlp/sentiment/vectorize.js';
import { fitSoftmax, predictSoftmax, pruneSoftmax, type SoftmaxDoc, type SoftmaxOptions } from '../softmax-trainer.js';
import type { DeskSentimentLabel, LabelledText } from './desk-labels.js';

export const DESK_SPEC: Record<'zh' | 'en', FeatureSpec> = {
  zh: { language: 'zh', options: { maxN: 3, negationScope: false, contrastScope: false } },
  en: { language: 'en', options: { bigrams: true, trigrams: false, charMaxN: 0, negationScope: false, intensifiers: false } },
};

export const DESK_TRAINER: SoftmaxOptions = { bits: 16, epochs: 20, learningRate: 0.3, l2: 1e-4, seed: 7, maxEntries: 30_000 };

/** Share of neutral and positive training turns allowed at or below the negative band (out of fold). */
export const DESK_TARGET_FALSE_NEGATIVE = 0.12;

const FOLDS = 5;
/** Index of the constant among deskDenseFeatures: its weight in the negative row is the bias moved by calibration. */
const CONSTANT_FEATURE = 4;

function classOf(label: DeskSentimentLabel): number {
  return label === 'positive' ? 2 : label === 'neutral' ? 1 : 0;
}

export function deskDoc(text: string, label: DeskSentimentLabel, language: 'zh' | 'en', polarity: PolarityScorer): SoftmaxDoc {
  const { normalized, logit } = polarity.read(text);
  return {
    buckets: vectorize(normalized, DESK_SPEC[language], DESK_TRAINER.bits),
    dense: deskDenseFeatures(normalized, language, logit),
    offset: deskLogitOffsets(normalized, language),
    label: classOf(label),
    weight: 1,
  };
}

function shiftedScore(p: readonly number[], shift: number): number {
  const negative = p[0]! * Math.exp(shift);
  return (p[2]! - negative) / (negative + p[1]! + p[2]!);
}

/** The largest shift of the negative logit that keeps the out-of-fold false-negative share at the target. */
function calibrate(outOfFold: ReadonlyArray<{ p: number[]; label: number }>): number {
  const calm = outOfFold.filter((row) => row.label !== 0);
  let best = -4;
  for (let shift = -4; shift <= 4 + 1e-9; shift += 0.05) {
    const flagged = calm.filter((row) => shiftedScore(row.p, shift) <= SENTIMENT_NEGATIVE_AT).length;
    if (flagged / calm.length <= DESK_TARGET_FALSE_NEGATIVE) best = shift;
  }
  return Math.round(best * 100) / 100;
}

export interface TrainedDeskHead {
  head: SerializedDeskHead;
  /** The calibration shift of the negative logit. */
  shift: number;
  /** Out of fold, at the calibrated shift: negative turns caught, in percent. */
  outOfFoldCaught: number;
}

/**
 * Review rows teach the head what strong polarity means (and that reviews are never neutral):
 * the desk sets hold few outright insults and, in English, no thanks at all.
 */
export interface ReviewRows {
  rows: ReadonlyArray<{ text: string; label: 0 | 1 }>;
  weight: number;
}

export function trainDeskHead(
  language: 'zh' | 'en',
  rows: ReadonlyArray<LabelledText<DeskSentimentLabel>>,
  reviews: ReviewRows,
  polarity: PolarityScorer,
  trainedOn: string[],
): TrainedDeskHead {
  const docs = rows.map((row) => ({ fold: hashString(row.text, 0xf01d) % FOLDS, doc: deskDoc(row.text, row.label, language, polarity) }));
  const reviewDocs = reviews.rows.map((row) => ({
    ...deskDoc(row.text, row.label === 1 ? 'positive' : 'negative', language, polarity),
    weight: reviews.weight,
  }));
  const outOfFold: Array<{ p: number[]; label: number }> = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const training = [...docs.filter((d) => d.fold !== fold).map((d) => d.doc), ...reviewDocs];
    const model = fitSoftmax(training, DESK_CLASSES.length, DESK_TRAINER);
    for (const { doc } of docs.filter((d) => d.fold === fold)) outOfFold.push({ p: predictSoftmax(doc, model), label: doc.label });
  }
  const shift = calibrate(outOfFold);
  const complaints = outOfFold.filter((row) => row.label === 0);
  const caught = complaints.filter((row) => shiftedScore(row.p, shift) <= SENTIMENT_NEGATIVE_AT).length;
  const model = fitSoftmax([...docs.map((d) => d.doc), ...reviewDocs], DESK_CLASSES.length, DESK_TRAINER);
  const dense = model.dense.map((row) => row.map((w) => Math.round(w * 1e4) / 1e4));
  dense[0]![CONSTANT_FEATURE]! += shift;
  return {
    head: {
      format: 'switchboard-desk-head-v1',
      language,
      sparse: pruneSoftmax(model, DESK_CLASSES, DESK_SPEC[language], DESK_TRAINER, trainedOn),
      dense,
    },
    shift,
    outOfFoldCaught: (100 * caught) / complaints.length,
  };
}
