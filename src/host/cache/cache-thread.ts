import { Worker } from 'node:worker_threads';
import type { Logger } from '../../shared/log';
import type { CacheKey, CacheRecovery } from './cache-file';
import { cacheMethods, cacheReplySchema, type CacheCalls, type CacheMethod } from './cache-protocol';

/** A cache call that failed in the thread: says which call, and why. */
export class CacheCallError extends Error {
  constructor(
    readonly method: string,
    detail: string,
  ) {
    super(`cache ${method} failed: ${detail}`);
    this.name = 'CacheCallError';
  }
}

export interface CacheThreadOptions {
  file: string;
  key: CacheKey;
  agentId: string;
  log: Logger;
  now: () => number;
  /** How many times in a row a crashed thread is started again before calls fail for good. */
  maxRestarts?: number;
}

type Waiter = { method: string; resolve(value: unknown): void; reject(error: Error): void };

/**
 * Starts the worker running cache-worker.ts: under tsx (the web host, tests, benches) from the
 * TypeScript source, in the bundled Electron main process from the `cache-worker` entry electron-vite
 * builds beside index.js.
 */
function startWorker(setup: { file: string; key: CacheKey; agentId: string; now: number }): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // Node workers do not take loader hooks from --import: the thread registers tsx itself, then loads the entry.
    const entry = new URL('./cache-worker.ts', import.meta.url).href;
    const code = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(code, { eval: true, workerData: setup });
  }
  return new Worker(new URL('./cache-worker.js', import.meta.url), { workerData: setup });
}

/**
 * The host's handle on an account's cache thread: every AccountCache call, asynchronous, through a
 * checked message interface (cache-protocol.ts). A thread that crashes is started again on the same
 * file (SQLite's WAL keeps every committed page); the calls it was answering fail with a clear error
 * and callers retry as they would after any failed write (a sync page comes again, the outbox retries).
 */
export class CacheThread {
  readonly calls: CacheCalls;
  recovery: CacheRecovery | null = null;
  private worker: Worker | null = null;
  private ready: Promise<Worker>;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private closed = false;
  private restarts = 0;

  private constructor(private readonly options: CacheThreadOptions) {
    this.ready = this.start();
    const calls: Partial<Record<CacheMethod, (...args: unknown[]) => Promise<unknown>>> = {};
    for (const method of cacheMethods) calls[method] = (...args: unknown[]) => this.call(method, args);
    this.calls = calls as CacheCalls;
  }

  get agentId(): string {
    return this.options.agentId;
  }

  /** Opens the cache in a new thread; rejects with the thread's reason when the file cannot be opened at all. */
  static async open(options: CacheThreadOptions): Promise<CacheThread> {
    const thread = new CacheThread(options);
    await thread.ready;
    return thread;
  }

  private start(): Promise<Worker> {
    const { file, key, agentId, log, now } = this.options;
    return new Promise<Worker>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = startWorker({ file, key, agentId, now: now() });
      } catch (cause) {
        reject(new Error(`the cache thread could not start: ${cause instanceof Error ? cause.message : String(cause)}`));
        return;
      }
      this.worker = worker;
      let started = false;
      worker.on('message', (raw: unknown) => {
        const reply = cacheReplySchema.safeParse(raw);
        if (!reply.success) {
          log.log('error', 'cache thread: malformed reply dropped');
          return;
        }
        const m = reply.data;
        switch (m.type) {
          case 'ready':
            started = true;
            this.recovery = m.recovery;
            resolve(worker);
            return;
          case 'unavailable':
            reject(new Error(`the account cache could not be opened: ${m.error}`));
            return;
          case 'log':
            log.log(m.level, m.message, m.fields);
            return;
          case 'result':
          case 'failure': {
            const waiter = this.waiting.get(m.id);
            if (!waiter) return;
            this.waiting.delete(m.id);
            if (m.type === 'result') waiter.resolve(m.value);
            else waiter.reject(new CacheCallError(m.method, m.error));
            return;
          }
        }
      });
      worker.on('error', (cause) => log.log('error', 'the cache thread crashed', { detail: cause.message }));
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = null;
        const reason = this.closed ? 'the cache is closed' : `the cache thread stopped (exit code ${code})`;
        for (const [id, waiter] of this.waiting) {
          this.waiting.delete(id);
          waiter.reject(new CacheCallError(waiter.method, reason));
        }
        if (!started) {
          reject(new Error(reason));
          return;
        }
        if (this.closed) return;
        if (this.restarts >= (this.options.maxRestarts ?? 3)) {
          log.log('error', 'the cache thread keeps stopping: not started again', { restarts: this.restarts });
          this.ready = Promise.reject(new Error('the cache thread keeps stopping; restart the app'));
          this.ready.catch(() => undefined);
          return;
        }
        this.restarts++;
        log.log('warn', 'the cache thread stopped: starting it again', { code });
        this.ready = this.start();
        this.ready.then(
          () => {
            this.restarts = 0;
          },
          () => undefined,
        );
      });
    });
  }

  private async call(method: CacheMethod, args: unknown[]): Promise<unknown> {
    if (this.closed) throw new CacheCallError(method, 'the cache is closed');
    const worker = await this.ready;
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.set(id, { method, resolve, reject });
      worker.postMessage({ id, method, args, now: this.options.now() });
    });
  }

  /** For tests: what a crash looks like from the host. */
  crashForTest(): Promise<number> {
    return this.worker ? this.worker.terminate() : Promise.resolve(0);
  }

  /** Closes the file (checkpointing the WAL) and stops the thread; pending calls fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ type: 'close' });
    });
  }
}
