/**
 * The knowledge base's search index, in the cache thread: built from the articles the cache holds
 * the first time it is asked after a sync changed them (5,000 articles take several hundred
 * milliseconds, the intent model's first load included), so the host's main thread never waits on
 * it. A sync that brought the same articles again keeps the index.
 */
import { loadDefaultIntentClassifier } from '../../shared/nlp/intent/default-intent-classifier';
import { createAssistIndex, type AssistIndex, type RouteText } from '../../shared/nlp/assist/assist-index';
import type { AccountCache } from './account-cache';
import type { KbAssistCalls } from './kb-assist-protocol';

type KbSource = Pick<AccountCache, 'kbArticles' | 'kbSyncedAt'>;

/** The intent model reads each candidate's queue; loaded on the first suggestion, in this thread. */
const defaultRoute = (): RouteText => {
  const classifier = loadDefaultIntentClassifier();
  return (text) => classifier.route(text);
};

export function createKbAssist(cache: KbSource, route: () => RouteText = defaultRoute): KbAssistCalls {
  let built: { syncedAt: number | null; fingerprint: string; index: AssistIndex } | null = null;

  const index = (): { index: AssistIndex; syncedAt: number | null } => {
    const syncedAt = cache.kbSyncedAt();
    if (built?.syncedAt !== syncedAt) {
      const { articles } = cache.kbArticles();
      // Every sync replaces the articles whole; most bring the same ones back.
      const fingerprint = articles.map((a) => `${a.id}@${a.version}`).join('\n');
      built = built?.fingerprint === fingerprint ? { ...built, syncedAt } : { syncedAt, fingerprint, index: createAssistIndex(articles, route()) };
    }
    return built;
  };

  return {
    kbSearch(query, options) {
      const { index: found, syncedAt } = index();
      return { hits: found.search(query, options), articles: found.size, syncedAt };
    },
    kbSuggest(message, canned, options) {
      return message.trim() ? index().index.suggest(message, canned, options) : [];
    },
  };
}
