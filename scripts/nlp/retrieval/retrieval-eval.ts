/**
 * How well the knowledge-base ranking finds the right article: the share of questions whose right
 * article is first (top-1) or among the first three (top-3, what the assist panel shows), and the
 * mean reciprocal rank (1 / rank of the right article, 0 when it is not in the first ten).
 */
import { buildKbIndex } from '../../../src/shared/nlp/retrieval/kb-index.js';
import type { RetrievalSet } from './retrieval-set.js';

export const MRR_DEPTH = 10;

export interface RetrievalFigure {
  name: string;
  language: 'zh' | 'en';
  articles: number;
  queries: number;
  /** Percentages. */
  top1: number;
  top3: number;
  /** In [0, 1]. */
  mrr: number;
  /** Top-3 hit rate of a ranking that knows nothing (3 / articles), in percent. */
  chanceTop3: number;
  note: string;
}

export function measureRetrieval(set: RetrievalSet): RetrievalFigure {
  if (set.queries.length === 0) throw new Error(`${set.name}: no questions`);
  const index = buildKbIndex(set.articles);
  let top1 = 0;
  let top3 = 0;
  let reciprocal = 0;
  for (const query of set.queries) {
    const rank = index.search(query.text, { limit: MRR_DEPTH }).findIndex((hit) => hit.id === query.articleId);
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  const n = set.queries.length;
  return {
    name: set.name,
    language: set.language,
    articles: set.articles.length,
    queries: n,
    top1: (100 * top1) / n,
    top3: (100 * top3) / n,
    mrr: reciprocal / n,
    chanceTop3: (100 * Math.min(3, set.articles.length)) / set.articles.length,
    note: set.note,
  };
}
