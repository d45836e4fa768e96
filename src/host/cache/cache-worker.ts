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

/** Rows the indexer adds per step: ~0.1 s of work, so a call never waits long behind it. */
const INDEX_CHUNK = 2_000;
/** How long the thread must have been idle before indexing: a catch-up's pages keep it busy, the index follows after. */
const INDEX_AFTER_IDLE_MS = 150;

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

let indexTimer: ReturnType<typeof setTimeout> | null = null;
const indexStep = (): void => {
  indexTimer = null;
  try {
    if (cache.indexPending(INDEX_CHUNK) > 0) indexTimer = setTimeout(indexStep, 0);
  } catch (cause) {
    // Searches stay complete (the unindexed tail is scanned); the next call tries again.
    log.log('warn', 'search indexing failed', { detail: cause instanceof Error ? cause.message : String(cause) });
  }
};
const indexWhenIdle = (): void => {
  if (indexTimer) clearTimeout(indexTimer);
  indexTimer = setTimeout(indexStep, INDEX_AFTER_IDLE_MS);
};

indexWhenIdle();

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
  try {
    // The schema map and AccountCache agree method by method (CacheCalls in cache-protocol.ts types both sides).
    const call = cache[method] as (...a: unknown[]) => unknown;
    post({ type: 'result', id, value: call.apply(cache, args.data as unknown[]) });
  } catch (cause) {
    post({ type: 'failure', id, method, error: cause instanceof Error ? cause.message : String(cause) });
  }
  indexWhenIdle();
});
