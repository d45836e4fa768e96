/**
 * The search thread's entry (node:worker_threads): a read-only connection to the account's cache
 * file, answering searches so a search over a million messages never blocks the host's main thread
 * (and with it every window and the phone's watchdog).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { AccountCache } from './account-cache';
import { openCacheDatabase } from './cache-file';

const setup = z.object({ file: z.string(), key: z.string().nullable(), agentId: z.string() }).parse(workerData);
const request = z.object({ id: z.number(), query: z.string(), limit: z.number().int().positive().optional() });

const db = openCacheDatabase(setup.file, setup.key, { readonly: true, fileMustExist: true });
const cache = AccountCache.reader(db, setup.agentId);

parentPort?.on('message', (raw: unknown) => {
  const parsed = request.safeParse(raw);
  if (!parsed.success) return;
  const { id, query, limit } = parsed.data;
  try {
    parentPort?.postMessage({ id, ok: true, value: cache.search(query, limit) });
  } catch (cause) {
    parentPort?.postMessage({ id, ok: false, error: cause instanceof Error ? cause.message : String(cause) });
  }
});
