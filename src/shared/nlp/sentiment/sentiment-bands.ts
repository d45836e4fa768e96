/**
 * The one reading of a sentiment score, for single messages and for smoothed conversation levels
 * alike (badges, alerts, the wallboard, customer 360). The desk heads are calibrated so that, on
 * the training part of the hand-labelled desk sets, about one neutral or positive turn in ten
 * falls below SENTIMENT_NEGATIVE_AT (see docs/quality.md).
 */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** A score at or below this is negative. */
export const SENTIMENT_NEGATIVE_AT = -0.25;
/** A score at or above this is positive. */
export const SENTIMENT_POSITIVE_AT = 0.25;
/** A score at or below this is strongly negative: anger, threats, a complaint about to escalate. */
export const SENTIMENT_STRONGLY_NEGATIVE_AT = -0.7;

export function sentimentLabelOf(score: number): SentimentLabel {
  if (!Number.isFinite(score)) return 'neutral';
  if (score <= SENTIMENT_NEGATIVE_AT) return 'negative';
  if (score >= SENTIMENT_POSITIVE_AT) return 'positive';
  return 'neutral';
}

export function isStronglyNegative(score: number): boolean {
  return Number.isFinite(score) && score <= SENTIMENT_STRONGLY_NEGATIVE_AT;
}
