import type { SessionNotice } from '../shared/contracts/session-contract';
import type { WorkspaceMessage } from '../shared/contracts/workspace-contract';
import type { Logger } from '../shared/log';
import type { HubCommand } from '../shared/protocol/hub-protocol';
import type { Result } from '../shared/result';
import type { AccountDirectory } from './accounts/account-directory';
import { backoffDelay } from './backoff';
import { AccountCache } from './cache/account-cache';
import type { CacheKeySource } from './cache/cache-key';
import { OutboxSender } from './outbox/outbox-sender';
import { startSearchThread, type SearchThread } from './cache/search-thread';

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

/** The open account's cache and what runs beside it: the outbox sender, retention, and waiting for the hub. */
export class AccountRuntime {
  cache: AccountCache | null = null;
  /** Searches off the main thread, where a worker can start (see search-thread.ts). */
  searchThread: SearchThread | null = null;
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
      changed: () => options.pendingChanged(this.cache?.pendingOutboxCount() ?? 0),
    });
  }

  /** Opens the agent's cache (rebuilding an unreadable one), or keeps it if it is already open. */
  open(agentId: string): AccountCache | null {
    if (this.cache?.agentId === agentId && this.cache.db.open) return this.cache;
    this.close();
    const { accounts, log, now } = this.options;
    let cache: AccountCache;
    const file = accounts.cacheFile(agentId);
    const key = this.options.cacheKey();
    try {
      cache = AccountCache.open(file, agentId, log, now, key);
    } catch (cause) {
      log.log('error', 'the account cache could not be opened', { detail: cause instanceof Error ? cause.message : String(cause) });
      return null;
    }
    this.cache = cache;
    this.searchThread = startSearchThread(file, key, agentId, log);
    if (cache.recovery) {
      this.options.notice({ kind: 'cache_rebuilt', at: now(), detail: cache.recovery.reason });
    }
    this.prune();
    this.retentionTimer = setInterval(() => this.prune(), RETENTION_EVERY_MS);
    this.retentionTimer.unref?.();
    this.outbox.resume();
    return cache;
  }

  private prune(): void {
    if (!this.cache) return;
    const removed = this.cache.prune(this.options.retentionDays);
    if (removed.messages + removed.conversations + removed.customers + removed.drafts > 0) this.options.log.log('info', 'cache retention', removed);
  }

  /** Something was queued: count it and send when the link allows. */
  outboxChanged(): void {
    this.options.pendingChanged(this.cache?.pendingOutboxCount() ?? 0);
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

  close(): void {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.retentionTimer = null;
    this.probeTimer = null;
    this.outbox.stop();
    this.searchThread?.close();
    this.searchThread = null;
    this.cache?.close();
    this.cache = null;
  }
}
