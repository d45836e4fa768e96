/**
 * Finds listed phrases in what people type however they type them: full-width letters and digits
 * ("ｃｈａｒｇｅｂａｃｋ", "１２３１５"), spaced or punctuated out ("投 诉", "1-2-3-1-5", "l.a.w.y.e.r"),
 * upper case, zero-width characters. Both the text and the phrases are folded the same way; a phrase
 * of digits must not sit inside a longer number (an order id that contains "12315" is not a threat).
 * Used for complaint-risk phrases (escalation) and forbidden phrases (compliance before send).
 */

/** Whitespace, punctuation, symbols and invisible formatting characters vanish when folding. */
const DROPPED = /[\s\p{P}\p{S}\p{Cf}\p{Cc}]/gu;
const DIGIT = /\d/;

/** The form text and phrases are compared in. */
export function foldForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(DROPPED, '');
}

export interface PhraseMatcher {
  /** The listed phrases (as written in the list) found in `text`, each once, in list order. */
  find(text: string): string[];
  readonly size: number;
}

interface Entry {
  phrase: string;
  folded: string;
  digitsEdge: { start: boolean; end: boolean };
}

export function createPhraseMatcher(phrases: Iterable<string>): PhraseMatcher {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const phrase of phrases) {
    const folded = foldForMatching(phrase);
    // A phrase made only of what folding drops would match everything.
    if (folded === '' || seen.has(folded)) continue;
    seen.add(folded);
    entries.push({ phrase: phrase.trim(), folded, digitsEdge: { start: DIGIT.test(folded[0]!), end: DIGIT.test(folded[folded.length - 1]!) } });
  }

  function occursAlone(text: string, entry: Entry): boolean {
    for (let at = text.indexOf(entry.folded); at !== -1; at = text.indexOf(entry.folded, at + 1)) {
      const before = text[at - 1];
      const after = text[at + entry.folded.length];
      if (entry.digitsEdge.start && before !== undefined && DIGIT.test(before)) continue;
      if (entry.digitsEdge.end && after !== undefined && DIGIT.test(after)) continue;
      return true;
    }
    return false;
  }

  return {
    size: entries.length,
    find(text) {
      if (entries.length === 0) return [];
      const folded = foldForMatching(text);
      if (folded === '') return [];
      return entries.filter((e) => occursAlone(folded, e)).map((e) => e.phrase);
    },
  };
}
