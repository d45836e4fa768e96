/**
 * Knowledge-base search and suggested replies, on the device. One index per set of articles (the
 * desktop rebuilds it when its cache changes): BM25 finds the articles (kb-index.ts), each article's
 * best passage is what an agent inserts, and suggestions for a customer's message mix those
 * passages with canned responses on one scale: the share of the message's BM25 weight a candidate
 * covers, plus a bonus when the candidate serves the queue the message's intent names.
 */
import type { ServiceQueue } from '../intent/service-queues.js';
import { isServiceQueue } from '../intent/service-queues.js';
import { buildKbIndex, type KbIndex } from '../retrieval/kb-index.js';
import { retrievalTerms } from '../retrieval/retrieval-tokens.js';
import { splitPassages } from './kb-passages.js';

export interface AssistArticle {
  id: string;
  title: string;
  /** Markdown. */
  body: string;
  tags: readonly string[];
  locale: string;
}

export interface CannedCandidate {
  id: string;
  title: string;
  /** As it will be inserted (variables already filled). */
  text: string;
}

/** What the intent model says about a text; the classifier's `route` fits. */
export type RouteText = (text: string) => { queue: ServiceQueue | null; confidence: number };

export interface PassageHit {
  articleId: string;
  title: string;
  /** The article's passage that best answers the query, plain text. */
  passage: string;
  tags: readonly string[];
  locale: string;
  score: number;
}

export interface Suggestion {
  kind: 'kb' | 'canned';
  /** `kb:<article id>` or `canned:<canned id>`: stable across renders. */
  id: string;
  title: string;
  text: string;
  /** Similarity in [0, 1] plus the intent bonus. */
  score: number;
  queue: ServiceQueue | null;
}

export interface AssistIndex {
  readonly size: number;
  search(query: string, options?: { limit?: number; locale?: string }): PassageHit[];
  suggest(message: string, canned: readonly CannedCandidate[], options?: { limit?: number; locale?: string }): Suggestion[];
}

/** Below this share of the message's weight a candidate is noise, whatever its intent. */
export const MIN_SIMILARITY = 0.2;
/** How much a matching intent adds, at full confidence: enough to reorder close candidates, not to lift unrelated ones. */
export const INTENT_BONUS = 0.3;
/** Articles BM25 hands to the suggestion ranking. */
const KB_CANDIDATES = 12;
const isSingleHan = (term: string): boolean => /^\p{Script=Han}$/u.test(term);

interface Prepared {
  article: AssistArticle;
  passages: Array<{ text: string; terms: Set<string> }>;
  headTerms: Set<string>;
  queue: ServiceQueue | null;
}

export function createAssistIndex(articles: readonly AssistArticle[], route?: RouteText): AssistIndex {
  const index: KbIndex = buildKbIndex(articles);
  const byId = new Map(articles.map((a) => [a.id, a]));
  // Passages and an article's queue are worked out the first time the article is a candidate: most never are.
  const prepared = new Map<string, Prepared>();
  const prepare = (id: string): Prepared | undefined => {
    const known = prepared.get(id);
    if (known) return known;
    const article = byId.get(id);
    if (!article) return undefined;
    const tagged = article.tags.find(isServiceQueue);
    const p: Prepared = {
      article,
      passages: splitPassages(article.body).map((text) => ({ text, terms: new Set(retrievalTerms(text)) })),
      headTerms: new Set(retrievalTerms(`${article.title} ${article.tags.join(' ')}`)),
      // An admin's tag naming a desk queue says what the article serves; otherwise the intent model reads its title.
      queue: tagged ?? (route ? route(`${article.title} ${article.tags.join(' ')}`).queue : null),
    };
    prepared.set(id, p);
    return p;
  };
  const cannedQueues = new Map<string, ServiceQueue | null>();
  const cannedQueue = (c: CannedCandidate): ServiceQueue | null => {
    const key = `${c.title}\n${c.text}`;
    if (!cannedQueues.has(key)) cannedQueues.set(key, route ? route(key).queue : null);
    return cannedQueues.get(key) ?? null;
  };

  /**
   * The message's terms weighed by BM25's idf. Only terms some candidate could match count: a
   * Chinese message's cross-word bigrams ("递怎", "么还") are in no article and would otherwise
   * drown every similarity. A match must include a word or a bigram, not single characters alone.
   */
  const weigh = (query: string, extra: ReadonlyArray<Set<string>> = []) => {
    const terms = [...new Set(retrievalTerms(query))]
      .map((t) => ({ t, w: index.idf(t), known: index.has(t) || extra.some((s) => s.has(t)), long: !isSingleHan(t) }))
      .filter((x) => x.known);
    const total = terms.reduce((a, b) => a + b.w, 0);
    const coverage = (...sets: Array<Set<string>>): number => {
      if (total === 0) return 0;
      let sum = 0;
      let substantive = false;
      for (const { t, w, long } of terms) {
        if (!sets.some((s) => s.has(t))) continue;
        sum += w;
        substantive ||= long;
      }
      return substantive ? sum / total : 0;
    };
    return { empty: terms.length === 0, coverage };
  };

  const bestPassage = (p: Prepared, coverage: (...sets: Array<Set<string>>) => number) => {
    let best = { text: '', similarity: -1 };
    for (const passage of p.passages) {
      const similarity = coverage(passage.terms, p.headTerms);
      if (similarity > best.similarity) best = { text: passage.text, similarity };
    }
    return best;
  };

  return {
    size: articles.length,
    search(query, options = {}) {
      const limit = options.limit ?? 5;
      const { coverage } = weigh(query);
      return index.search(query, { limit, ...(options.locale ? { locale: options.locale } : {}) }).flatMap((hit) => {
        const p = prepare(hit.id);
        if (!p) return [];
        const { article } = p;
        return [{ articleId: article.id, title: article.title, passage: bestPassage(p, coverage).text, tags: article.tags, locale: article.locale, score: hit.score }];
      });
    },
    suggest(message, canned, options = {}) {
      const limit = options.limit ?? 3;
      const cannedTerms = canned.map((c) => new Set(retrievalTerms(`${c.title} ${c.text}`)));
      const { empty, coverage } = weigh(message, cannedTerms);
      if (empty) return [];
      const intent = route ? route(message) : { queue: null, confidence: 0 };
      const bonus = (queue: ServiceQueue | null): number =>
        intent.queue !== null && queue === intent.queue ? INTENT_BONUS * Math.min(1, Math.max(0, intent.confidence)) : 0;
      const found: Suggestion[] = [];
      for (const hit of index.search(message, { limit: KB_CANDIDATES, ...(options.locale ? { locale: options.locale } : {}) })) {
        const p = prepare(hit.id);
        if (!p || p.passages.length === 0) continue;
        const best = bestPassage(p, coverage);
        if (best.similarity < MIN_SIMILARITY) continue;
        found.push({ kind: 'kb', id: `kb:${p.article.id}`, title: p.article.title, text: best.text, score: best.similarity + bonus(p.queue), queue: p.queue });
      }
      for (const [i, c] of canned.entries()) {
        const similarity = coverage(cannedTerms[i]!);
        if (similarity < MIN_SIMILARITY) continue;
        const queue = cannedQueue(c);
        found.push({ kind: 'canned', id: `canned:${c.id}`, title: c.title, text: c.text, score: similarity + bonus(queue), queue });
      }
      return found.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
    },
  };
}
