/**
 * The cache thread's entry (node:worker_threads; an Electron utility process could load the same
 * module). It owns the account's SQLite file: every read and write of the cache — sync pages, inbox
 * pages, search, drafts, the outbox — runs here, so the thread that hosts the windows never waits
 * on SQLite. Between calls, while nothing has arrived for a moment, it brings the search index up to
 * date in chunks (migration 007).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LogFields, Logger } from '../../shared/log';
import { AccountCache } from './account-cache';
import { cacheCallArgs, cacheRequestSchema, cacheSetupSchema, closeRequestSchema, type CacheReply } from './cache-protocol';
import { createKbAssist } from './kb-assist';
import { isKbAssistCall } from './kb-assist-protocol';

/** How long one indexing step may take: a call that arrives meanwhile waits at most about this long. */
const INDEX_STEP_MS = 25;
/** How long after the last sync page the indexer starts: a catch-up's pages keep coming faster than this. */
const INDEX_AFTER_PAGES_MS = 100;

const port = parentPort;
if (!port) throw new Error('cache-worker.ts runs as a worker thread');
const post = (reply: CacheReply): void => port.postMessage(reply);
const log: Logger = {
  log(level, message, fields?: LogFields) {
    const clean = fields ? Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) : undefined;
    post({ type: 'log', level, message, ...(clean ? { fields: clean as Record<string, string | number | boolean | null> } : {}) });
  },
};

const setup = cacheSetupSchema.parse(workerData);
let clock = setup.now;
let cache: AccountCache;
try {
  cache = AccountCache.open(setup.file, setup.agentId, log, () => clock, setup.key);
} catch (cause) {
  post({ type: 'unavailable', error: cause instanceof Error ? cause.message : String(cause) });
  process.exit(1);
}
post({ type: 'ready', recovery: cache.recovery });
const kbAssist = createKbAssist(cache);

let indexTimer: ReturnType<typeof setTimeout> | null = null;
/** Rows per step, adjusted so a step takes about INDEX_STEP_MS on this machine. */
let indexRows = 500;
const indexStep = (): void => {
  indexTimer = null;
  try {
    const started = performance.now();
    const added = cache.indexPending(indexRows);
    const took = performance.now() - started;
    if (added === 0) return;
    if (added === indexRows) indexRows = Math.round(Math.min(20_000, Math.max(100, (indexRows * INDEX_STEP_MS) / Math.max(took, 1))));
    // Calls that arrived meanwhile are answered before the next step.
    indexTimer = setTimeout(indexStep, 0);
  } catch (cause) {
    // Searches stay complete (the unindexed tail is scanned); the next page tries again.
    log.log('warn', 'search indexing failed', { detail: cause instanceof Error ? cause.message : String(cause) });
  }
};
/** A sync page arrived: indexing waits until the pages stop. Any other call leaves a running indexer alone. */
const indexAfterPages = (): void => {
  if (indexTimer) clearTimeout(indexTimer);
  indexTimer = setTimeout(indexStep, INDEX_AFTER_PAGES_MS);
};

indexAfterPages();

port.on('message', (raw: unknown) => {
  if (closeRequestSchema.safeParse(raw).success) {
    if (indexTimer) clearTimeout(indexTimer);
    cache.close();
    port.close();
    return;
  }
  const request = cacheRequestSchema.safeParse(raw);
  if (!request.success) {
    log.log('error', 'cache thread: malformed request refused');
    return;
  }
  const { id, method, now } = request.data;
  const args = cacheCallArgs[method].safeParse(request.data.args);
  if (!args.success) {
    post({ type: 'failure', id, method, error: `bad arguments for ${method}: ${args.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    return;
  }
  clock = now;
  const fail = (cause: unknown) => post({ type: 'failure', id, method, error: cause instanceof Error ? cause.message : String(cause) });
  try {
    // The schema map and AccountCache (or the KB index) agree method by method (CacheCalls in cache-protocol.ts types both sides).
    const [target, call] = isKbAssistCall(method) ? [kbAssist, kbAssist[method]] : [cache, cache[method]];
    const value: unknown = (call as (...a: unknown[]) => unknown).apply(target, args.data as unknown[]);
    // The KB index answers with a promise (it loads the intent model on first use); the cache answers at once.
    if (value instanceof Promise) value.then((v: unknown) => post({ type: 'result', id, value: v }), fail);
    else post({ type: 'result', id, value });
  } catch (cause) {
    fail(cause);
  }
  if (method === 'ingest') indexAfterPages();
});
