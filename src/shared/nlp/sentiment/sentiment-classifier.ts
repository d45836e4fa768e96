/**
 * The sentiment classifier, in two stages: the polarity scorer (polarity-scorer.ts) says how good
 * or bad a text sounds, then a desk head per language (desk-head.ts) decides between negative,
 * neutral and positive, knowing that most of what customers write to a service desk is neither.
 * Mixed-script messages blend both heads by script share.
 */
import { DeskHead, type SerializedDeskHead } from './desk-head.js';
import type { SerializedLinearModel } from './linear-model.js';
import { createPolarityScorer } from './polarity-scorer.js';
import { isStronglyNegative, sentimentLabelOf, type SentimentLabel } from './sentiment-bands.js';

export type { SentimentLabel } from './sentiment-bands.js';

export interface SentimentResult {
  label: SentimentLabel;
  /** In [-1, 1]: P(positive) − P(negative). Read it with `sentimentLabelOf` and the SENTIMENT_* bands. */
  score: number;
  /** At or below SENTIMENT_STRONGLY_NEGATIVE_AT: anger, a threat, a complaint about to escalate. */
  strongNegative: boolean;
  /** Which model(s) carried the decision. */
  language: 'zh' | 'en' | 'mixed' | 'none';
}

export interface SentimentModels {
  zh: SerializedLinearModel;
  en: SerializedLinearModel;
  deskZh: SerializedDeskHead;
  deskEn: SerializedDeskHead;
}

export interface SentimentClassifierOptions {
  /** Longer texts are clipped to head + tail; bounds scoring time on pasted logs. */
  maxChars?: number;
}

export interface SentimentClassifier {
  classify(text: string): SentimentResult;
}

const NOTHING: [number, number, number] = [0, 0, 0];
/** From this many characters on, a text is scored by its polarity alone. */
const REVIEW_LENGTH = 160;

export function createSentimentClassifier(models: SentimentModels, options: SentimentClassifierOptions = {}): SentimentClassifier {
  const polarity = createPolarityScorer(models, options.maxChars);
  const deskZh = new DeskHead(models.deskZh);
  const deskEn = new DeskHead(models.deskEn);
  return {
    classify(text) {
      const { normalized, logit, language, zhShare } = polarity.read(text);
      if (normalized === '') return { label: 'neutral', score: 0, strongNegative: false, language };
      const fromZh = zhShare > 0 ? deskZh.probabilities(normalized, logit) : NOTHING;
      const fromEn = zhShare < 1 ? deskEn.probabilities(normalized, logit) : NOTHING;
      const negative = zhShare * fromZh[0] + (1 - zhShare) * fromEn[0];
      const positive = zhShare * fromZh[2] + (1 - zhShare) * fromEn[2];
      // Long texts (emails, pasted reviews) are read more and more like the reviews the polarity
      // models learned from; a chat turn is read by the desk head.
      const reviewShare = Math.min(1, [...normalized].length / REVIEW_LENGTH) ** 2;
      const raw = (1 - reviewShare) * (positive - negative) + reviewShare * Math.tanh(logit / 2);
      const score = Number.isFinite(raw) ? Math.max(-1, Math.min(1, raw)) : 0;
      return { label: sentimentLabelOf(score), score, strongNegative: isStronglyNegative(score), language };
    },
  };
}
