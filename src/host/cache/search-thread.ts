import { Worker } from 'node:worker_threads';
import type { Logger } from '../../shared/log';
import type { SearchResult } from './account-cache';
import type { CacheKey } from './cache-file';

export interface SearchThread {
  /** Rejects if the thread failed; the caller then searches in-process. */
  search(query: string, limit?: number): Promise<SearchResult>;
  close(): void;
}

/**
 * Starts the account's search thread (node:worker_threads) where the sources run as TypeScript —
 * the web host and the tests, both under tsx. The bundled Electron main process has no worker
 * file to start: null, and searches stay in-process there.
 */
export function startSearchThread(file: string, key: CacheKey, agentId: string, log: Logger): SearchThread | null {
  if (!import.meta.url.endsWith('.ts')) return null;
  let worker: Worker;
  try {
    // Node 20 workers do not take loader hooks from --import: the thread registers tsx itself (resolved
    // from the working directory, the checkout the host runs from), then loads the entry.
    const entry = new URL('./search-worker.ts', import.meta.url).href;
    const code = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
    worker = new Worker(code, { eval: true, workerData: { file, key, agentId } });
  } catch (cause) {
    log.log('warn', 'the search thread could not start; searching in-process', { detail: cause instanceof Error ? cause.message : String(cause) });
    return null;
  }
  worker.unref();
  let nextId = 1;
  let broken: Error | null = null;
  const waiting = new Map<number, { resolve(r: SearchResult): void; reject(e: Error): void }>();
  const fail = (cause: Error): void => {
    broken = cause;
    for (const w of waiting.values()) w.reject(cause);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; ok: boolean; value?: SearchResult; error?: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok && m.value) w.resolve(m.value);
    else w.reject(new Error(m.error ?? 'search failed'));
  });
  worker.on('error', (cause) => {
    log.log('warn', 'the search thread failed; searching in-process', { detail: cause.message });
    fail(cause);
  });
  worker.on('exit', () => fail(new Error('the search thread stopped')));
  return {
    search(query, limit) {
      if (broken) return Promise.reject(broken);
      const id = nextId++;
      return new Promise<SearchResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, query, limit });
      });
    },
    close() {
      fail(new Error('the search thread stopped'));
      void worker.terminate();
    },
  };
}
