/**
 * The knowledge base's search index, in the cache thread: built from the articles the cache holds
 * the first time it is asked after a sync changed them (5,000 articles take several hundred
 * milliseconds, the intent model's first load included), so the host's main thread never waits on
 * it. A sync that brought the same articles again keeps the index.
 */
import { createAssistIndex, type AssistIndex, type RouteText } from '../../shared/nlp/assist/assist-index';
import type { AccountCache } from './account-cache';
import type { KbAssistCalls } from './kb-assist-protocol';

type KbSource = Pick<AccountCache, 'kbArticles' | 'kbSyncedAt'>;

/**
 * The intent model reads each candidate's queue. Imported on the first KB call, not when the thread
 * starts: its weights are megabytes of JSON, and the thread starts at every sign-in.
 */
const loadDefaultRoute = async (): Promise<RouteText> => {
  const { loadDefaultIntentClassifier } = await import('../../shared/nlp/intent/default-intent-classifier');
  const classifier = loadDefaultIntentClassifier();
  return (text) => classifier.route(text);
};

export function createKbAssist(cache: KbSource, loadRoute: () => Promise<RouteText> = loadDefaultRoute): KbAssistCalls {
  let built: { syncedAt: number | null; fingerprint: string; index: AssistIndex } | null = null;
  let route: Promise<RouteText> | null = null;

  const index = async (): Promise<{ index: AssistIndex; syncedAt: number | null }> => {
    route ??= loadRoute();
    const routeText = await route;
    // Read after the wait: a sync may have landed meanwhile.
    const syncedAt = cache.kbSyncedAt();
    if (built?.syncedAt !== syncedAt) {
      const { articles } = cache.kbArticles();
      // Every sync replaces the articles whole; most bring the same ones back.
      const fingerprint = articles.map((a) => `${a.id}@${a.version}`).join('\n');
      built = built?.fingerprint === fingerprint ? { ...built, syncedAt } : { syncedAt, fingerprint, index: createAssistIndex(articles, routeText) };
    }
    return built;
  };

  return {
    async kbSearch(query, options) {
      const { index: found, syncedAt } = await index();
      return { hits: found.search(query, options), articles: found.size, syncedAt };
    },
    async kbSuggest(message, canned, options) {
      return message.trim() ? (await index()).index.suggest(message, canned, options) : [];
    },
  };
}
