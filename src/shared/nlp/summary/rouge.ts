/**
 * Character-level ROUGE-N F1, computed the way the CSDS authors score their
 * systems: spaces removed, every remaining character (punctuation included)
 * is a token, clipped n-gram overlap, F1 per summary, then averaged over
 * summaries (ROUGE-1.5.5's default model averaging).
 */

function ngramCounts(chars: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const key = chars.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function charTokens(text: string): string[] {
  return Array.from(text.replace(/\s+/g, ''));
}

/** F1 in [0, 1] for one candidate against one reference. */
export function rougeN(candidate: string, reference: string, n: number): number {
  const cand = ngramCounts(charTokens(candidate), n);
  const ref = ngramCounts(charTokens(reference), n);
  let overlap = 0;
  let candTotal = 0;
  let refTotal = 0;
  for (const count of cand.values()) candTotal += count;
  for (const [key, count] of ref) {
    refTotal += count;
    overlap += Math.min(count, cand.get(key) ?? 0);
  }
  if (overlap === 0 || candTotal === 0 || refTotal === 0) return 0;
  const precision = overlap / candTotal;
  const recall = overlap / refTotal;
  return (2 * precision * recall) / (precision + recall);
}

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  count: number;
}

/** Mean ROUGE-1/2 F1 over pairs, in percent like the published tables. */
export function meanRouge(pairs: ReadonlyArray<{ candidate: string; reference: string }>): RougeScores {
  let r1 = 0;
  let r2 = 0;
  for (const { candidate, reference } of pairs) {
    r1 += rougeN(candidate, reference, 1);
    r2 += rougeN(candidate, reference, 2);
  }
  const count = pairs.length;
  return { rouge1: count ? (100 * r1) / count : 0, rouge2: count ? (100 * r2) / count : 0, count };
}
