import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { Logger } from '../../shared/log';
import type { HubCommand } from '../../shared/protocol/hub-protocol';
import type { ErrorCode, Result } from '../../shared/result';
import { backoffDelay } from '../../shared/backoff';
import type { CacheCalls } from '../cache/cache-protocol';

/** Failures that say nothing about the action itself: the same action may well succeed later. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'unavailable',
  'timeout',
  'rate_limited',
  'internal',
  'unauthenticated',
  'transport_unauthorized',
]);

export const isTransient = (code: ErrorCode): boolean => TRANSIENT.has(code);

export interface OutboxSenderOptions {
  cache(): CacheCalls | null;
  send(key: string, command: HubCommand): Promise<Result<unknown>>;
  online(): boolean;
  log: Logger;
  /** A reply's delivery changed (sent or failed). */
  settled(message: WorkspaceMessage): void;
  /** The number of actions still waiting changed. */
  changed(): void;
  now?: () => number;
  random?: () => number;
  /** How many times in a row the hub may answer an action with `internal` before it counts as refused. */
  maxInternalRefusals?: number;
}

/**
 * An action the hub keeps failing on (`internal`: it throws on it) would otherwise be retried
 * forever and hold up everything queued behind it.
 */
export const DEFAULT_MAX_INTERNAL_REFUSALS = 5;

/**
 * Sends the outbox strictly in order, one action at a time: the head waits out a jittered backoff
 * after a lost link and blocks the rest, so the hub sees actions in the order the agent took them.
 * A refusal from the hub (not a lost link) marks that action failed and the queue moves on.
 */
export class OutboxSender {
  private running = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly maxInternalRefusals: number;
  /**
   * Key → `internal` answers in a row. Kept in memory, not in the entry's attempts: attempts also count
   * lost links, which say nothing against the action. A restart gives an action a fresh count, which is fine.
   */
  private readonly internalRefusals = new Map<string, number>();

  constructor(private readonly options: OutboxSenderOptions) {
    this.now = options.now ?? Date.now;
    this.maxInternalRefusals = options.maxInternalRefusals ?? DEFAULT_MAX_INTERNAL_REFUSALS;
  }

  /** Something was queued, or the link came back: send what is due. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  /** The link is back: entries waiting out a backoff go at once. */
  wake(): void {
    const cache = this.options.cache();
    if (!cache) return this.kick();
    cache.wakeOutbox().then(
      () => this.kick(),
      (cause: unknown) => {
        this.options.log.log('warn', 'outbox: could not wake waiting actions', { detail: cause instanceof Error ? cause.message : String(cause) });
        this.kick();
      },
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  resume(): void {
    this.stopped = false;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, delayMs));
    this.timer.unref?.();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (!this.stopped && this.options.online()) {
        const cache = this.options.cache();
        if (!cache) break;
        const entry = await cache.nextOutboxEntry();
        if (!entry || this.options.cache() !== cache) break;
        const wait = entry.nextAttemptAt - this.now();
        if (wait > 0) {
          this.schedule(wait);
          break;
        }
        const result = await this.options.send(entry.key, entry.command);
        // Signed out or switched account while the command was in flight: its row stays for next time.
        if (this.options.cache() !== cache) break;
        const refusals = !result.ok && result.error.code === 'internal' ? (this.internalRefusals.get(entry.key) ?? 0) + 1 : 0;
        if (refusals > 0) this.internalRefusals.set(entry.key, refusals);
        else this.internalRefusals.delete(entry.key);
        if (result.ok) {
          const message = await cache.completeOutboxEntry(entry);
          if (message) this.options.settled(message);
          this.options.changed();
          continue;
        }
        if (refusals >= this.maxInternalRefusals) {
          this.internalRefusals.delete(entry.key);
          this.options.log.log('warn', 'outbox: the hub keeps failing on an action; giving up on it', { kind: entry.command.kind, attempts: refusals });
          const message = await cache.failOutboxEntry(entry, `${result.error.code}: ${result.error.message} (${refusals} attempts)`);
          if (message) this.options.settled(message);
          this.options.changed();
          continue;
        }
        if (isTransient(result.error.code)) {
          const delay = backoffDelay(entry.attempts, 500, 30_000, this.options.random);
          await cache.deferOutboxEntry(entry.key, this.now() + delay, result.error.code);
          this.options.log.log('info', 'outbox: will retry', { kind: entry.command.kind, attempt: entry.attempts + 1, code: result.error.code });
          this.schedule(delay);
          break;
        }
        this.options.log.log('warn', 'outbox: the hub refused an action', { kind: entry.command.kind, code: result.error.code });
        const message = await cache.failOutboxEntry(entry, `${result.error.code}: ${result.error.message}`);
        if (message) this.options.settled(message);
        this.options.changed();
      }
    } catch (cause) {
      this.options.log.log('error', 'outbox: sending stopped', { detail: cause instanceof Error ? cause.message : String(cause) });
      this.schedule(5_000);
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    }
  }
}
