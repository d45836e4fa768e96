/**
 * Explicit negation of polar words in English ("not bad", "not happy",
 * "never helpful"). The bag-of-n-grams model learns most negation from data,
 * but SST-2's phrases teach it that "not … at all" is nearly always
 * negative, so litotes like "not bad at all" need a rule on top.
 */
import { tokenizeEn } from './features-en.js';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'hardly', 'barely', 'without']);
/** Words that may sit between a negator and the word it negates. */
const FILLERS = new Set(['too', 'so', 'very', 'that', 'really', 'all', 'at', 'a', 'an', 'the', 'quite', 'be', 'been', 'even', 'exactly', 'particularly', 'much', 'overly', 'any']);

const POLARITY = new Map<string, number>([
  ['bad', -1], ['terrible', -1], ['awful', -1], ['horrible', -1], ['worse', -1], ['worst', -1],
  ['wrong', -0.8], ['poor', -0.8], ['problem', -0.7], ['problems', -0.7], ['issue', -0.6], ['issues', -0.6],
  ['complaint', -0.7], ['complaints', -0.7], ['complain', -0.7], ['disappointed', -0.9], ['disappointing', -0.9],
  ['broken', -0.8], ['rude', -0.9], ['slow', -0.6], ['expensive', -0.5], ['difficult', -0.5], ['hard', -0.4],
  ['good', 1], ['great', 1], ['happy', 1], ['satisfied', 1], ['pleased', 1], ['helpful', 0.9], ['nice', 0.8],
  ['working', 0.7], ['work', 0.7], ['works', 0.7], ['fair', 0.7], ['acceptable', 0.7], ['useful', 0.8],
  ['resolved', 0.8], ['fixed', 0.8], ['fine', 0.6], ['right', 0.6], ['ok', 0.5], ['okay', 0.5], ['recommend', 0.9],
  ['like', 0.7], ['love', 0.9], ['impressed', 0.9], ['worth', 0.7], ['enough', 0.4],
]);

/** Sum of flipped polarities: positive for "not bad", negative for "not happy". */
export function negatedPolarity(normalized: string): number {
  const tokens = tokenizeEn(normalized);
  let sum = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!NEGATORS.has(tokens[i]!)) continue;
    for (let j = i + 1; j < Math.min(tokens.length, i + 5); j++) {
      const polarity = POLARITY.get(tokens[j]!);
      if (polarity !== undefined) {
        sum -= polarity;
        break;
      }
      if (!FILLERS.has(tokens[j]!)) break;
    }
  }
  return sum;
}
