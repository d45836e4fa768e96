/**
 * English word tokens for the sentence network (sentence-cnn.ts), shared by its training and the
 * device. Raw messages ("I don't like it!") and SST-2's Penn-Treebank tokens ("i do n't like it !",
 * "-lrb-") come out the same, and are mapped onto the spelling of the GloVe vocabulary, which lacks
 * clitics, digits and accents: "n't" reads as "not", "'re" as "are", "clichés" as "cliches",
 * numbers as one number token. Words still unknown are looked up by their hyphen or slash parts.
 */
import { normalizeText } from '../../../src/shared/nlp/common/normalize.js';

/** Stands for any run of digits; it has its own learned vector. */
export const NUMBER_TOKEN = '<num>';

const CLITICS: Readonly<Record<string, string>> = {
  "n't": 'not',
  "'re": 'are',
  "'ve": 'have',
  "'ll": 'will',
  "'m": 'am',
  "'d": 'would',
};

/** PTB splits "can't" into "ca n't" and "won't" into "wo n't". */
const STEMS_BEFORE_NOT: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall' };

const PUNCTUATION: Readonly<Record<string, string>> = {
  '-lrb-': '(',
  '-rrb-': ')',
  '-lsb-': '(',
  '-rsb-': ')',
  '``': '"',
  "''": '"',
  '--': '-',
  '...': '.',
  '…': '.',
};

// Words (letters, digits, inner hyphens, slashes, dots and apostrophes), clitics, or single symbols.
const TOKEN = /-[lr][rsc]b-|``|''|--|\.\.\.|n't|'(?:re|ve|ll|m|d|s)\b|[\p{L}\p{N}]+(?:[-/.'][\p{L}\p{N}]+)*(?:\.(?!\.))?|[^\s\p{L}\p{N}]/gu;

/** Splits a message into lower-cased tokens in the PTB style (clitics apart), before vocabulary mapping. */
export function splitWords(text: string): string[] {
  const tokens: string[] = [];
  for (const match of normalizeText(text).replace(/[\u2018\u2019`]/g, "'").matchAll(TOKEN)) {
    let token = match[0];
    // "don't" → "do" + "n't"; "it's" → "it" + "'s".
    const clitic = /^(.+?)(n't|'(?:re|ve|ll|m|d|s))$/.exec(token);
    if (clitic !== null) {
      tokens.push(clitic[1]!, clitic[2]!);
      continue;
    }
    // A trailing dot is kept only on abbreviations such as "mr." (a single inner letter run); else it ends the sentence.
    if (token.length > 1 && /\p{L}/u.test(token) && token.endsWith('.') && !/^(?:\p{L}\.)+$|^(?:mr|mrs|ms|dr|st|vs|jr|no)\.$/u.test(token)) {
      tokens.push(token.slice(0, -1), '.');
      continue;
    }
    token = PUNCTUATION[token] ?? token;
    tokens.push(token);
  }
  return tokens;
}

function stripAccents(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * The vocabulary keys a token stands for, in order: usually one, several for an unknown compound
 * ("dumbed-down" → "dumbed", "down"), none for an unknown word.
 */
export function vocabularyKeys(token: string, has: (word: string) => boolean): string[] {
  if (token === "n't") return ['not'];
  const clitic = CLITICS[token];
  if (clitic !== undefined) return [clitic];
  if (has(token)) return [token];
  if (/^\p{N}+(?:[.,/:]\p{N}+)*(?:s|th|st|nd|rd)?$/u.test(token)) return [NUMBER_TOKEN];
  const plain = stripAccents(token);
  if (plain !== token && has(plain)) return [plain];
  const trimmed = plain.replace(/\.$/, '');
  if (trimmed !== plain && has(trimmed)) return [trimmed];
  if (/[-/.]/.test(trimmed)) {
    return trimmed
      .split(/[-/.]+/)
      .filter((part) => part.length > 0)
      .flatMap((part) => vocabularyKeys(part, has));
  }
  return [];
}

/** Tokens → vocabulary keys, with "ca n't" read as "can not". */
export function wordKeys(text: string, has: (word: string) => boolean): string[] {
  const tokens = splitWords(text);
  const keys: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const stem = STEMS_BEFORE_NOT[token];
    if (stem !== undefined && tokens[i + 1] === "n't") {
      keys.push(stem);
      continue;
    }
    keys.push(...vocabularyKeys(token, has));
  }
  return keys;
}
