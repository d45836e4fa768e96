/**
 * English features: word unigrams with negation scope marking, word bigrams,
 * and optionally character n-grams inside words (robust to typos and
 * inflections). The tokenizer splits contractions the way SST-2 does
 * ("does n't", "it 's"), so live chat text meets the features it was trained on.
 */
import { finalizeHash, hashSeed, hashStep, hashString } from '../common/hash.js';

export interface EnFeatureOptions {
  bigrams: boolean;
  trigrams: boolean;
  /** 0 disables; otherwise character n-grams of length 3..charMaxN inside each word. */
  charMaxN: number;
  negationScope: boolean;
  intensifiers: boolean;
}

const NS_WORD = 0x656e;
const NS_NEG = 0x6e6f;
const NS_INT = 0x696e;
const NS_BI = 0x6269;
const NS_TRI = 0x7472;
const NS_CHAR = 0x6368;
const NS_NEG_CHAR = 0x6e63;

const NEGATORS = new Set([
  'not', "n't", 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere',
  'without', 'hardly', 'barely', 'scarcely', 'lack', 'lacks', 'lacking', 'cannot',
]);
const SCOPE_END = new Set(['.', ',', ';', ':', '!', '?', 'but', 'however', 'although', 'though', 'yet']);
const INTENSIFIERS = new Set([
  'very', 'really', 'so', 'extremely', 'too', 'totally', 'absolutely', 'incredibly', 'utterly',
  'completely', 'super', 'highly', 'truly', 'terribly', 'awfully', 'seriously', 'most', 'such',
]);

export function tokenizeEn(normalized: string): string[] {
  const spaced = normalized
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\bcannot\b/g, 'can not')
    .replace(/\bwon't\b/g, "wo n't")
    .replace(/\bcan't\b/g, "ca n't")
    .replace(/n't\b/g, " n't")
    .replace(/'(s|re|ve|ll|d|m)\b/g, " '$1");
  return spaced.match(/n't|'[a-z]+|[a-z0-9]+(?:-[a-z0-9]+)*|[!?.,;:]/g) ?? [];
}

function emitCharNgrams(word: string, maxN: number, namespace: number, out: number[]): void {
  const padded = `<${word}>`;
  for (let i = 0; i < padded.length; i++) {
    let h = hashSeed(namespace);
    for (let n = 1; n <= maxN && i + n <= padded.length; n++) {
      h = hashStep(h, padded.charCodeAt(i + n - 1));
      if (n >= 3) out.push(finalizeHash(h));
    }
  }
}

/** Appends the raw 32-bit feature hashes of a normalised text to `out`. */
export function extractEnFeatures(normalized: string, options: EnFeatureOptions, out: number[]): void {
  const tokens = tokenizeEn(normalized);
  let negated = false;
  let intensified = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (SCOPE_END.has(tok)) negated = false;
    const isNegator = NEGATORS.has(tok);
    const marked = negated && options.negationScope && !isNegator;
    out.push(hashString(tok, marked ? NS_NEG : NS_WORD));
    if (intensified && options.intensifiers && !INTENSIFIERS.has(tok)) out.push(hashString(tok, NS_INT));
    intensified = INTENSIFIERS.has(tok);
    if (isNegator) negated = true;
    if (options.bigrams && i > 0) out.push(hashString(`${tokens[i - 1]!} ${tok}`, NS_BI));
    if (options.trigrams && i > 1) out.push(hashString(`${tokens[i - 2]!} ${tokens[i - 1]!} ${tok}`, NS_TRI));
    // Sub-word pieces are negation-marked too, or "bad" would still vote
    // negative through "<ba", "bad", "ad>" in "not bad".
    if (options.charMaxN >= 3 && tok.length > 2) emitCharNgrams(tok, options.charMaxN, marked ? NS_NEG_CHAR : NS_CHAR, out);
  }
}
