import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { kbArticleInputSchema, kbLocaleSchema, type KbArticle } from '../../shared/domain/kb-article';
import type { Logger } from '../../shared/log';
import { buildKbIndex, type KbIndex } from '../../shared/nlp/retrieval/kb-index';
import { describeZodError } from '../../shared/result';
import type { Sessions } from '../auth/sessions';
import { sendError } from '../channels/channel-http';
import { requireAgent } from '../http/auth-guard';
import { newId } from '../ids';
import type { HubStore } from '../store/hub-store';

export interface KbRoutesDeps {
  store: Pick<HubStore, 'saveArticle' | 'article' | 'articles'>;
  sessions: Sessions;
  log: Logger;
  now?: () => number;
}

const idParam = z.object({ id: z.string().min(1).max(100) });
const editSchema = z.object({ article: kbArticleInputSchema, version: z.number().int().positive() }).strict();
const searchQuery = z.object({ q: z.string().trim().min(1).max(500), locale: kbLocaleSchema.optional(), limit: z.coerce.number().int().min(1).max(20).default(5) });
const listQuery = z.object({ retired: z.enum(['0', '1']).default('0') });

/**
 * The knowledge base over HTTP: every signed-in agent reads and searches the articles in force
 * (the desktop caches them for offline search); only admins create, edit and retire them. Bodies are
 * Markdown stored as written; the app renders them without HTML.
 */
export function registerKbRoutes(app: FastifyInstance, deps: KbRoutesDeps): void {
  const now = deps.now ?? Date.now;
  let index: { built: KbIndex; from: KbArticle[] } | null = null;
  const inForce = (): KbArticle[] => deps.store.articles().filter((a) => a.retiredAt === null);
  const searchIndex = (): { built: KbIndex; from: KbArticle[] } => {
    if (!index) {
      const from = inForce();
      index = { built: buildKbIndex(from), from };
    }
    return index;
  };
  const changed = (): void => {
    index = null;
  };

  app.get('/api/kb/articles', async (req, reply) => {
    const agent = await requireAgent(req, reply, deps);
    if (!agent) return;
    const query = listQuery.safeParse(req.query);
    if (!query.success) return sendError(reply, 'invalid_argument', describeZodError(query.error));
    // Retired articles are part of the record an admin manages; agents see what is in force.
    const all = query.data.retired === '1' && agent.role === 'admin';
    return { articles: all ? deps.store.articles() : inForce() };
  });

  app.get('/api/kb/search', async (req, reply) => {
    if (!(await requireAgent(req, reply, deps))) return;
    const query = searchQuery.safeParse(req.query);
    if (!query.success) return sendError(reply, 'invalid_argument', describeZodError(query.error));
    const { built, from } = searchIndex();
    const byId = new Map(from.map((a) => [a.id, a]));
    const hits = built.search(query.data.q, { limit: query.data.limit, ...(query.data.locale ? { locale: query.data.locale } : {}) });
    return { hits: hits.flatMap((h) => (byId.has(h.id) ? [{ article: byId.get(h.id)!, score: h.score }] : [])) };
  });

  app.post('/api/kb/articles', async (req, reply) => {
    const admin = await requireAgent(req, reply, deps, ['admin']);
    if (!admin) return;
    const input = kbArticleInputSchema.safeParse(req.body);
    if (!input.success) return sendError(reply, 'invalid_argument', describeZodError(input.error));
    const article: KbArticle = { id: newId('kb'), ...input.data, retiredAt: null, updatedAt: now(), updatedBy: admin.id, version: 1 };
    deps.store.saveArticle(article, null);
    changed();
    deps.log.log('info', 'knowledge article created', { article: article.id, by: admin.id });
    return reply.status(201).send({ article });
  });

  app.put('/api/kb/articles/:id', async (req, reply) => {
    const admin = await requireAgent(req, reply, deps, ['admin']);
    if (!admin) return;
    const params = idParam.safeParse(req.params);
    const body = editSchema.safeParse(req.body);
    if (!params.success || !body.success) return sendError(reply, 'invalid_argument', describeZodError((params.error ?? body.error)!));
    const current = deps.store.article(params.data.id);
    if (!current) return sendError(reply, 'not_found', 'no such article');
    if (current.version !== body.data.version) return sendError(reply, 'conflict', 'the article was changed by someone else; reload it and edit again');
    const article: KbArticle = { ...current, ...body.data.article, updatedAt: now(), updatedBy: admin.id, version: current.version + 1 };
    if (!deps.store.saveArticle(article, current.version)) return sendError(reply, 'conflict', 'the article was changed by someone else; reload it and edit again');
    changed();
    deps.log.log('info', 'knowledge article edited', { article: article.id, by: admin.id });
    return { article };
  });

  app.post('/api/kb/articles/:id/retire', async (req, reply) => {
    const admin = await requireAgent(req, reply, deps, ['admin']);
    if (!admin) return;
    const params = idParam.safeParse(req.params);
    if (!params.success) return sendError(reply, 'invalid_argument', describeZodError(params.error));
    const current = deps.store.article(params.data.id);
    if (!current) return sendError(reply, 'not_found', 'no such article');
    if (current.retiredAt !== null) return { article: current };
    const article: KbArticle = { ...current, retiredAt: now(), updatedAt: now(), updatedBy: admin.id, version: current.version + 1 };
    if (!deps.store.saveArticle(article, current.version)) return sendError(reply, 'conflict', 'the article was changed by someone else; try again');
    changed();
    deps.log.log('info', 'knowledge article retired', { article: article.id, by: admin.id });
    return { article };
  });
}
