/**
 * Terms for retrieval in Chinese and English without a dictionary: Han text as overlapping
 * character bigrams (and single characters, so one-character queries still find something), Latin
 * words folded to lower case with a light plural strip. The same folding as the phrase matcher
 * (NFKC: full-width letters and digits become ASCII).
 */
const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const STOP = new Set(['the', 'a', 'an', 'is', 'are', 'to', 'of', 'and', 'or', 'my', 'i', 'it', 'in', 'on', 'for', 'do', 'does', 'can', 'you', 'me', 'what', 'how', 'be', 'this', 'that', 'with', 'at', 'yet', 'has', 'have', 'not']);
const HAN_STOP = new Set(['的', '了', '吗', '呢', '吧', '啊', '我', '你', '是', '在', '有', '么', '么', '请', '问']);

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function retrievalTerms(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase();
  const terms: string[] = [];
  for (const run of folded.match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      if (!HAN_STOP.has(chars[i]!)) terms.push(chars[i]!);
      if (i + 1 < chars.length) terms.push(chars[i]! + chars[i + 1]!);
    }
  }
  for (const word of folded.replace(HAN_RUN, ' ').match(WORD) ?? []) {
    if (word.length < 2 || STOP.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}
