/**
 * Ranked search over knowledge-base passages, on the device: BM25 over retrieval terms, the title
 * and tags weighing more than the body. Built once per set of articles (the desktop rebuilds it when
 * its cache changes); a query reads only the postings of its own terms.
 */
import { retrievalTerms } from './retrieval-tokens.js';

export interface IndexedDoc {
  id: string;
  title: string;
  body: string;
  tags: readonly string[];
  locale?: string;
}

export interface SearchHit {
  id: string;
  score: number;
}

export interface KbIndex {
  search(query: string, options?: { limit?: number; locale?: string }): SearchHit[];
  /** The BM25 weight of a retrieval term in this collection; a term no article has weighs the most. */
  idf(term: string): number;
  /** Whether any article has the term. */
  has(term: string): boolean;
  readonly size: number;
}

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;
const TAG_WEIGHT = 2;

export function buildKbIndex(docs: readonly IndexedDoc[]): KbIndex {
  const postings = new Map<string, Array<{ doc: number; tf: number }>>();
  const lengths: number[] = [];
  docs.forEach((doc, i) => {
    const counts = new Map<string, number>();
    const add = (terms: string[], weight: number) => terms.forEach((t) => counts.set(t, (counts.get(t) ?? 0) + weight));
    add(retrievalTerms(doc.title), TITLE_WEIGHT);
    add(retrievalTerms(doc.tags.join(' ')), TAG_WEIGHT);
    const body = retrievalTerms(doc.body);
    add(body, 1);
    lengths.push(body.length + TITLE_WEIGHT * retrievalTerms(doc.title).length);
    for (const [term, tf] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ doc: i, tf });
    }
  });
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  const idf = (df: number): number => Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));

  return {
    size: docs.length,
    idf: (term) => idf(postings.get(term)?.length ?? 0),
    has: (term) => postings.has(term),
    search(query, options = {}) {
      const limit = options.limit ?? 10;
      const scores = new Map<number, number>();
      for (const term of new Set(retrievalTerms(query))) {
        const list = postings.get(term);
        if (!list) continue;
        const weight = idf(list.length);
        for (const { doc, tf } of list) {
          if (options.locale && docs[doc]!.locale && docs[doc]!.locale !== options.locale) continue;
          const norm = tf + K1 * (1 - B + (B * (lengths[doc] ?? 0)) / (average || 1));
          scores.set(doc, (scores.get(doc) ?? 0) + (weight * tf * (K1 + 1)) / norm);
        }
      }
      return [...scores]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([doc, score]) => ({ id: docs[doc]!.id, score }));
    },
  };
}
