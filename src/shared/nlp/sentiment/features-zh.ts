/**
 * Chinese features: hashed character n-grams. Word segmentation is not
 * needed: n-grams up to 4 cover most words and short phrases ("不好吃",
 * "太难吃了"), and they degrade gracefully on typos and slang.
 */
import { finalizeHash, hashSeed, hashStep } from '../common/hash.js';

export interface ZhFeatureOptions {
  maxN: number;
  /** Also emit n-grams of the clause after a negator, marked as negated. */
  negationScope: boolean;
  /** Also emit n-grams of what follows the last "but" (但是/不过/可是…), which usually carries the verdict. */
  contrastScope: boolean;
}

const NS_ZH = 0x7a68; // "zh"
const NS_ZH_NEG = 0x6e67;
const NS_ZH_BUT = 0x6275;
const CONTRAST = /(?:但是|但|不过|可是|然而|只是|就是|可惜)/g;
const NEGATORS = new Set(['不', '没', '無', '无', '未', '别', '別', '非', '莫', '勿']);
const CLAUSE_END = new Set([',', '.', '!', '?', ';', ':', '，', '。', '！', '？', '；', '、', '~', ' ', '\n']);
const DIGIT = /[0-9]/;

function toCodes(text: string): number[] {
  const codes: number[] = [];
  for (const ch of text) {
    // All digits look alike to the model: prices and counts are not sentiment.
    codes.push(DIGIT.test(ch) ? 48 : (ch.codePointAt(0) ?? 32));
  }
  return codes;
}

function emitNgrams(codes: readonly number[], maxN: number, namespace: number, out: number[]): void {
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === 32) continue;
    let h = hashSeed(namespace);
    for (let n = 1; n <= maxN && i + n <= codes.length; n++) {
      const c = codes[i + n - 1]!;
      if (n > 1 && c === 32) break;
      h = hashStep(h, c);
      out.push(finalizeHash(h));
    }
  }
}

/** Appends the raw 32-bit feature hashes of a normalised text to `out`. */
export function extractZhFeatures(normalized: string, options: ZhFeatureOptions, out: number[]): void {
  const codes = toCodes(normalized);
  emitNgrams(codes, options.maxN, NS_ZH, out);
  if (options.contrastScope) {
    let last = -1;
    for (const match of normalized.matchAll(CONTRAST)) last = match.index + match[0].length;
    if (last > 0) emitNgrams(toCodes(normalized.slice(last)), Math.min(3, options.maxN), NS_ZH_BUT, out);
  }
  if (!options.negationScope) return;
  // The text after a negator, up to the clause end, gets its own namespace so
  // "不…满意" can learn a weight apart from "满意" even with words in between.
  const scoped: number[] = [];
  let inScope = false;
  for (const c of codes) {
    const ch = String.fromCodePoint(c);
    if (CLAUSE_END.has(ch)) {
      if (inScope) scoped.push(32);
      inScope = false;
    } else if (NEGATORS.has(ch)) {
      if (inScope) scoped.push(32);
      inScope = true;
    } else if (inScope) {
      scoped.push(c);
    }
  }
  emitNgrams(scoped, Math.min(2, options.maxN), NS_ZH_NEG, out);
}
