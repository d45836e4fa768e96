import type { SessionNotice } from '../shared/contracts/session-contract';
import type { WorkspaceMessage } from '../shared/contracts/workspace-contract';
import type { Logger } from '../shared/log';
import type { HubCommand } from '../shared/protocol/hub-protocol';
import type { Result } from '../shared/result';
import type { AccountDirectory } from './accounts/account-directory';
import { backoffDelay } from '../shared/backoff';
import type { CacheKeySource } from './cache/cache-key';
import type { CacheCalls } from './cache/cache-protocol';
import { CacheThread } from './cache/cache-thread';
import { OutboxSender } from './outbox/outbox-sender';

export interface AccountRuntimeOptions {
  accounts: AccountDirectory;
  /** The key the account caches are encrypted with (cache/cache-key.ts). */
  cacheKey: CacheKeySource;
  log: Logger;
  retentionDays: number;
  now: () => number;
  online(): boolean;
  send(key: string, command: HubCommand): Promise<Result<unknown>>;
  settled(message: WorkspaceMessage): void;
  pendingChanged(count: number): void;
  notice(notice: SessionNotice): void;
}

const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * The open account's cache and what runs beside it: the outbox sender, retention, and waiting for the
 * hub. The cache lives in its own thread (cache/cache-thread.ts): this thread never runs SQLite.
 */
export class AccountRuntime {
  /** The open account's cache calls; null while no account is open. */
  cache: CacheCalls | null = null;
  thread: CacheThread | null = null;
  private opening: Promise<CacheCalls | null> | null = null;
  readonly outbox: OutboxSender;
  private retentionTimer: ReturnType<typeof setInterval> | null = null;
  private probeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: AccountRuntimeOptions) {
    this.outbox = new OutboxSender({
      cache: () => this.cache,
      send: options.send,
      online: options.online,
      log: options.log,
      now: options.now,
      settled: options.settled,
      changed: () => void this.countPending(),
    });
  }

  private async countPending(): Promise<void> {
    const cache = this.cache;
    if (!cache) return this.options.pendingChanged(0);
    try {
      this.options.pendingChanged(await cache.pendingOutboxCount());
    } catch (cause) {
      this.options.log.log('warn', 'the outbox could not be counted', { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  }

  /** Opens the agent's cache (rebuilding an unreadable one), or keeps it if it is already open. */
  async open(agentId: string): Promise<CacheCalls | null> {
    if (this.thread?.agentId === agentId && this.cache) return this.cache;
    if (this.opening) {
      const opened = await this.opening;
      if (this.thread?.agentId === agentId) return opened;
    }
    this.opening = this.openThread(agentId);
    try {
      return await this.opening;
    } finally {
      this.opening = null;
    }
  }

  private async openThread(agentId: string): Promise<CacheCalls | null> {
    await this.close();
    const { accounts, log, now } = this.options;
    let thread: CacheThread;
    try {
      thread = await CacheThread.open({ file: accounts.cacheFile(agentId), key: this.options.cacheKey(), agentId, log, now });
    } catch (cause) {
      log.log('error', 'the account cache could not be opened', { detail: cause instanceof Error ? cause.message : String(cause) });
      return null;
    }
    this.thread = thread;
    this.cache = thread.calls;
    if (thread.recovery) {
      this.options.notice({ kind: 'cache_rebuilt', at: now(), detail: thread.recovery.reason });
    }
    void this.prune();
    this.retentionTimer = setInterval(() => void this.prune(), RETENTION_EVERY_MS);
    this.retentionTimer.unref?.();
    this.outbox.resume();
    return thread.calls;
  }

  private async prune(): Promise<void> {
    const cache = this.cache;
    if (!cache) return;
    try {
      const removed = await cache.prune(this.options.retentionDays);
      if (removed.messages + removed.conversations + removed.customers + removed.drafts > 0) this.options.log.log('info', 'cache retention', removed);
    } catch (cause) {
      this.options.log.log('warn', 'cache retention failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  }

  /** Something was queued: count it and send when the link allows. */
  outboxChanged(): void {
    void this.countPending();
    this.outbox.kick();
  }

  /** Polls the hub's health endpoint with backoff and calls back once it answers. */
  waitForHub(hubUrl: string, reachable: () => void): void {
    let attempt = 0;
    const probe = async (): Promise<void> => {
      this.probeTimer = null;
      const up = await fetch(new URL('/healthz', hubUrl), { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (!this.cache) return;
      if (up) reachable();
      else {
        this.probeTimer = setTimeout(() => void probe(), backoffDelay(attempt++, 1_000, 30_000));
        this.probeTimer.unref?.();
      }
    };
    void probe();
  }

  /** Stops the outbox and retention, and closes the cache thread (its file checkpointed and closed). */
  async close(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.retentionTimer = null;
    this.probeTimer = null;
    this.outbox.stop();
    const thread = this.thread;
    this.thread = null;
    this.cache = null;
    await thread?.close();
  }
}
