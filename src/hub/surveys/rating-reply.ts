import { SURVEY_COMMENT_MAX } from '../../shared/domain/survey';

/**
 * A customer's text answer to a rating prompt: one digit 1–5 first (full-width digits too, as Chinese
 * keyboards type them), then an optional comment. Anything else is an ordinary message.
 */
export function parseRatingReply(text: string): { rating: number; comment: string } | null {
  const normalised = text.normalize('NFKC').trim();
  const m = /^([1-5])(?![0-9])\s*(?:分|星|stars?|points?)?[\s.,;:!、，。：；！-]*([\s\S]*)$/iu.exec(normalised);
  if (!m) return null;
  return { rating: Number(m[1]), comment: (m[2] ?? '').trim().slice(0, SURVEY_COMMENT_MAX) };
}
