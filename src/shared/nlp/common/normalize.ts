/**
 * One normalisation for training and inference: NFKC folds full-width Latin
 * and digits (common in Chinese input methods) into ASCII, and lowercasing
 * makes "GREAT" and "great" the same feature.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    // Control characters (binary junk) and replacement characters become spaces.
    .replace(/[\p{Cc}\ufffd]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Long inputs are cut to a head and a tail: the opening and the closing of a
 * message carry most of its sentiment, and the cut bounds scoring time.
 */
export function clipText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const half = Math.floor(maxChars / 2);
  return `${text.slice(0, half)} ${text.slice(text.length - half)}`;
}
