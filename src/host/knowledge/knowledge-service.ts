import { z } from 'zod';
import type { knowledgeContract, KbArticleSummary } from '../../shared/contracts/knowledge-contract';
import { kbArticleSchema, type KbArticle } from '../../shared/domain/kb-article';
import type { Logger } from '../../shared/log';
import type { ContractImpl } from '../../shared/rpc/contract';
import { err, ok } from '../../shared/result';
import type { CacheCalls } from '../cache/cache-protocol';
import { hubRequest } from '../hub-request';
import type { ReplyDrafter } from '../nlp/llm-reply-drafter';

export interface KnowledgeDeps {
  cache(): CacheCalls | null;
  auth(): Promise<{ hubUrl: string; token: string } | null>;
  online(): boolean;
  log: Logger;
  synced(event: { articles: number; syncedAt: number }): void;
  /** Optional LLM drafts (ASSIST_LLM_URL); without one, `draft` says it is not configured. */
  drafter?: ReplyDrafter;
  /** How often the articles are fetched again while online (default 5 minutes). */
  refreshEveryMs?: number;
  /** A search or suggestion on a copy older than this fetches the articles again in the background (default 15 s). */
  staleAfterMs?: number;
  now?: () => number;
}

export interface Knowledge {
  impl: ContractImpl<typeof knowledgeContract>;
  /** The link to the hub came up: fetch the articles. */
  connected(): void;
  stop(): void;
}

const listSchema = z.object({ articles: z.array(kbArticleSchema) });
const oneSchema = z.object({ article: kbArticleSchema });
const summary = ({ body: _body, ...rest }: KbArticle): KbArticleSummary => rest;

/**
 * Knowledge-base search and suggestions from the offline cache, and the admin's edits through the hub.
 * The search index lives in the cache thread beside the articles (kb-assist.ts): building it for
 * thousands of articles would otherwise stall this thread, which answers every window.
 */
export function createKnowledge(deps: KnowledgeDeps): Knowledge {
  let adminArticles = new Map<string, KbArticle>();
  let refreshing: Promise<void> | null = null;
  const now = deps.now ?? Date.now;

  const refresh = (): Promise<void> => {
    refreshing ??= (async () => {
      const cache = deps.cache();
      const listed = await hubRequest(await deps.auth(), 'GET', '/api/kb/articles', null, listSchema, 'by-status');
      if (!listed.ok) {
        if (listed.error.code !== 'unauthenticated') deps.log.log('warn', 'knowledge base not synced', { error: listed.error.code });
        return;
      }
      // The account may have changed while the hub answered: its articles are not for another cache.
      if (!cache || cache !== deps.cache()) return;
      await cache.replaceKbArticles(listed.value.articles);
      const syncedAt = (await cache.kbSyncedAt()) ?? now();
      deps.synced({ articles: listed.value.articles.length, syncedAt });
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  // Searching answers from the copy at once; a copy that is a little old is refreshed behind it, and
  // the `synced` event lets the UI ask again, so an article an admin just wrote appears within seconds.
  const refreshIfStale = async (): Promise<void> => {
    const syncedAt = (await deps.cache()?.kbSyncedAt()) ?? null;
    if (!refreshing && deps.online() && (syncedAt === null || now() - syncedAt > (deps.staleAfterMs ?? 15_000))) void refresh();
  };

  const timer = setInterval(() => {
    if (deps.online()) void refresh();
  }, deps.refreshEveryMs ?? 300_000);
  timer.unref?.();

  const afterWrite = async (article: KbArticle) => {
    adminArticles.set(article.id, article);
    // The agent who wrote it finds it at once, not at the next sync.
    await refresh();
    return ok(article);
  };

  return {
    connected: () => void refresh(),
    stop: () => clearInterval(timer),
    impl: {
      search: async ({ query, locale, limit }) => {
        void refreshIfStale();
        const cache = deps.cache();
        if (!cache) return ok({ hits: [], articles: 0, syncedAt: null });
        const found = await cache.kbSearch(query, { limit, ...(locale ? { locale } : {}) });
        return ok({ ...found, hits: found.hits.map((h) => ({ ...h, tags: [...h.tags], locale: h.locale as KbArticle['locale'] })) });
      },
      suggest: async ({ message, canned, limit }) => {
        void refreshIfStale();
        const cache = deps.cache();
        return ok({ suggestions: cache ? await cache.kbSuggest(message, canned, { limit }) : [] });
      },
      capabilities: async () => ok({ llmDraft: deps.drafter !== undefined }),
      draft: async ({ message }) => {
        if (!deps.drafter) return err('unavailable', 'no LLM endpoint is configured (ASSIST_LLM_URL)');
        const passages = (await deps.cache()?.kbSearch(message, { limit: 3 }))?.hits ?? [];
        return deps.drafter.draft(message, passages);
      },
      adminList: async () => {
        const listed = await hubRequest(await deps.auth(), 'GET', '/api/kb/articles?retired=1', null, listSchema, 'by-status');
        if (!listed.ok) return listed;
        adminArticles = new Map(listed.value.articles.map((a) => [a.id, a]));
        const newestFirst = [...listed.value.articles].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
        return ok({ articles: newestFirst.map(summary) });
      },
      article: async ({ id }) => {
        const known = adminArticles.get(id);
        return known ? ok(known) : err('not_found', 'no such article; reload the list');
      },
      create: async ({ article }) => {
        const made = await hubRequest(await deps.auth(), 'POST', '/api/kb/articles', article, oneSchema, 'hub-error');
        return made.ok ? afterWrite(made.value.article) : made;
      },
      edit: async ({ id, version, article }) => {
        const path = `/api/kb/articles/${encodeURIComponent(id)}`;
        const edited = await hubRequest(await deps.auth(), 'PUT', path, { article, version }, oneSchema, 'hub-error');
        return edited.ok ? afterWrite(edited.value.article) : edited;
      },
      retire: async ({ id }) => {
        const retired = await hubRequest(await deps.auth(), 'POST', `/api/kb/articles/${encodeURIComponent(id)}/retire`, {}, oneSchema, 'hub-error');
        return retired.ok ? afterWrite(retired.value.article) : retired;
      },
    },
  };
}
