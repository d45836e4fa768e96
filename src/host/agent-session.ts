import { hubUrlProblem } from '../shared/hub-url';
import { fileCacheKey, type CacheKeySource } from './cache/cache-key';
import { randomUUID } from 'node:crypto';
import type { ConnectionState, SessionNotice } from '../shared/contracts/session-contract';
import type { WorkspaceMessage } from '../shared/contracts/workspace-contract';
import type { AgentProfile } from '../shared/domain/agent';
import type { AgentAlert } from '../shared/domain/agent-alert';
import type { AgentSupervisionNotice } from '../shared/protocol/supervisor-protocol';
import type { Conversation } from '../shared/domain/conversation';
import type { Customer } from '../shared/domain/customer';
import type { Draft } from '../shared/domain/draft';
import type { Attachment } from '../shared/domain/message';
import type { Offer } from '../shared/domain/offer';
import type { QueueSla } from '../shared/domain/queue-sla';
import type { Logger } from '../shared/log';
import { hubCommandSchema, type HubCommandInput, type LoginResponse, type SipLoginCredentials } from '../shared/protocol/hub-protocol';
import { err, ok, type Result } from '../shared/result';
import { AccountDirectory } from './accounts/account-directory';
import { TokenVault } from './accounts/token-vault';
import { createMemorySecretStore, type SecretStore } from './settings/secret-store';
import type { InboxChange, SearchResult } from './cache/account-cache';
import type { CacheCalls } from './cache/cache-protocol';
import { createHubClient, type HubClient } from './hub-client';
import { loginToHub, logoutFromHub, refreshHubToken } from './hub-http';
import { AccountRuntime } from './account-runtime';
import { createCachedProjection, type WorkspaceProjection } from './workspace-projection';

export interface SessionListener {
  connection(state: ConnectionState): void;
  agent(agent: AgentProfile): void;
  /** The hub's queues (names, SLA targets): from the cache at an offline start, then from each welcome. */
  queues?(queues: QueueSla[]): void;
  conversation(conversation: Conversation): void;
  /** The same change as an inbox delta: the conversation with where the inbox had it before. */
  inboxChange?(change: InboxChange): void;
  customer(customer: Customer): void;
  message(message: WorkspaceMessage): void;
  offer(offer: Offer): void;
  offerRevoked(offerId: string, reason: string): void;
  notice?(notice: SessionNotice): void;
  /** The customer started or stopped typing in one of this agent's conversations. */
  typing?(conversationId: string, typing: boolean): void;
  supervision?(notice: AgentSupervisionNotice): void;
  alert?(alert: AgentAlert): void;
}

export interface AgentSessionOptions {
  hubUrl: string;
  /** The host's data folder; each account's cache lives under `accounts/<agentId>/`. */
  dataDir: string;
  log: Logger;
  listener: SessionListener;
  /** How long cached history is kept; pinned conversations and unsent replies are always kept. */
  retentionDays?: number;
  /** Keeps the hub token between runs (the OS keychain under Electron); by default it lives for this run only. */
  secrets?: SecretStore;
  /** The key the account caches are encrypted with; by default `<dataDir>/cache.key` (owner-only file). */
  cacheKey?: CacheKeySource;
  now?: () => number;
}

/** Refresh a little before expiry so a reconnect never presents a stale token. */
const REFRESH_MARGIN_MS = 60_000;
/** SIP credentials are handed to the phone with at least this long to live (a REGISTER refresh cycle or two). */
const SIP_REFRESH_MARGIN_MS = 15 * 60_000;

/**
 * One agent on this desktop: token, hub link, the account's SQLite cache and outbox. Started with
 * the hub unreachable, it shows the last account's cache and signs in again once the hub answers.
 */
export class AgentSession {
  readonly projection: WorkspaceProjection;
  private readonly accounts: AccountDirectory;
  private readonly tokens: TokenVault;
  private readonly runtime: AccountRuntime;
  private client: HubClient | null = null;
  private token: { value: string; expiresAt: number } | null = null;
  /** Kept in memory only: the hub issues fresh ones with every login and token refresh. */
  private sip: SipLoginCredentials | null = null;
  private profile: AgentProfile | null = null;
  private state: ConnectionState;
  private readonly hubUrl: string;
  private readonly log: Logger;
  private readonly listener: SessionListener;
  private readonly now: () => number;
  /**
   * Moves on every sign-in and sign-out: the cache opens asynchronously (in its thread), so a start-up
   * resume that is still opening must not act after the agent signed in or out meanwhile.
   */
  private generation = 0;
  /** The start-up resume while it runs: what the renderer asks first waits for it, so it never sees "signed out" for a moment. */
  private resuming: Promise<void> = Promise.resolve();

  constructor(options: AgentSessionOptions) {
    this.hubUrl = options.hubUrl;
    this.log = options.log;
    this.listener = options.listener;
    this.now = options.now ?? Date.now;
    this.accounts = new AccountDirectory(options.dataDir, options.log);
    this.tokens = new TokenVault(options.secrets ?? createMemorySecretStore(), options.log);
    this.runtime = new AccountRuntime({
      accounts: this.accounts,
      cacheKey: options.cacheKey ?? fileCacheKey(options.dataDir),
      log: options.log,
      retentionDays: options.retentionDays ?? 30,
      now: this.now,
      online: () => this.state.status === 'online',
      send: (key, command) => (this.client ? this.client.command(key, command) : Promise.resolve(err('unavailable', 'not connected'))),
      settled: (message) => this.listener.message(message),
      pendingChanged: (count) => this.setConnection({ pendingActions: count }),
      notice: (notice) => {
        this.setConnection({ notice });
        this.listener.notice?.(notice);
      },
    });
    this.projection = createCachedProjection(() => this.runtime.cache);
    this.state = { status: 'signed_out', hubUrl: this.hubUrl, lastSyncAt: null, detail: null, sync: null, pendingActions: 0, cached: false, notice: null };
  }

  get agent(): AgentProfile | null {
    return this.profile;
  }

  get connection(): ConnectionState {
    return this.state;
  }

  /** The open account's cache (in its own thread: every call is asynchronous); null while signed out. */
  get cache(): CacheCalls | null {
    return this.runtime.cache;
  }

  /** Read-only: what an HTTP call to the hub on this agent's behalf needs (the customer-360 endpoint). */
  async hubAuth(): Promise<{ hubUrl: string; token: string } | null> {
    const token = await this.freshToken();
    return token ? { hubUrl: this.hubUrl, token } : null;
  }

  private setConnection(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    this.listener.connection(this.state);
  }

  /**
   * At start: present the last signed-in account from its cache, before (and whether or not) the
   * hub answers. With a saved token the link comes up by itself; without one, the agent is asked
   * to sign in as soon as the hub is reachable.
   */
  resume(): Promise<void> {
    const run = this.resumeLastAccount();
    this.resuming = run.catch(() => undefined);
    return run;
  }

  /** Settles once the start-up resume has presented the cached account (or found none). */
  started(): Promise<void> {
    return this.resuming;
  }

  private async resumeLastAccount(): Promise<void> {
    const generation = this.generation;
    const last = this.accounts.lastAccount();
    if (!last) return;
    const cache = await this.runtime.open(last.profile.id);
    if (!cache || generation !== this.generation) return;
    const [state, pendingActions, queues] = await Promise.all([cache.syncState(), cache.pendingOutboxCount(), cache.queues()]);
    if (generation !== this.generation || this.runtime.cache !== cache) return;
    this.profile = last.profile;
    const token = this.tokens.get(last.profile.id);
    this.setConnection({
      status: 'offline',
      detail: 'showing cached data',
      lastSyncAt: state.lastSyncAt,
      cached: true,
      pendingActions,
    });
    this.listener.agent(last.profile);
    this.listener.queues?.(queues);
    // A stored token never goes to a hub over plain http on another computer; signing in says why.
    if (hubUrlProblem(this.hubUrl)) return;
    if (token) {
      this.token = { value: token.value, expiresAt: token.expiresAt };
      this.startClient(state.cursor);
    } else
      this.runtime.waitForHub(this.hubUrl, () => {
        if (generation === this.generation) this.endSession('sign in again: the hub is reachable');
      });
  }

  async login(username: string, password: string): Promise<Result<AgentProfile>> {
    if (hubUrlProblem(this.hubUrl)) return err('insecure_hub', this.hubUrl);
    const response = await loginToHub(this.hubUrl, username, password);
    if (!response.ok) return response;
    const agent = response.value.agent;
    const generation = ++this.generation;
    this.closeClient();
    const cache = await this.runtime.open(agent.id);
    if (!cache) return err('internal', 'the local cache could not be opened; see the log');
    const [state, pendingActions] = await Promise.all([cache.syncState(), cache.pendingOutboxCount()]);
    // Signed out, or in again, while the cache opened: that newer step decides.
    if (generation !== this.generation) return err('unavailable', 'the sign-in was superseded');
    this.token = { value: response.value.token, expiresAt: response.value.expiresAt };
    this.sip = response.value.sip ?? null;
    this.profile = agent;
    this.accounts.rememberAccount(agent, this.hubUrl, this.now());
    this.tokens.save({ agentId: agent.id, ...this.token });
    this.setConnection({ status: 'connecting', detail: null, lastSyncAt: state.lastSyncAt, cached: false, sync: null, pendingActions });
    this.startClient(state.cursor);
    return ok(agent);
  }

  private startClient(cursor: number): void {
    this.client?.close();
    this.client = createHubClient({
      hubUrl: this.hubUrl,
      cursor,
      log: this.log,
      getToken: () => this.freshToken(),
      handlers: {
        status: (status, detail) => {
          if (status === 'closed') return;
          // Each reconnect attempt would flip the banner; it stays "offline" until the hub answers.
          if (status === 'connecting' && this.state.status === 'offline') return;
          this.setConnection({ status, detail, ...(status === 'online' ? { cached: false } : { sync: null }) });
          if (status === 'online') this.runtime.outbox.wake();
        },
        // Checked and stored in the cache thread; this thread only passes the page on and tells the UI what changed.
        events: async (batch) => {
          const cache = this.runtime.cache;
          if (!cache) throw new Error('no account cache is open');
          const { cursor, changes, rejected, lastSyncAt } = await cache.ingest(batch.raw, batch.window, batch.through, batch.head);
          for (const c of changes.customers) this.listener.customer(c);
          for (const c of changes.conversations) this.listener.conversation(c);
          for (const change of changes.inbox) this.listener.inboxChange?.(change);
          for (const m of changes.messages) this.listener.message(m);
          this.setConnection({ lastSyncAt });
          return { cursor, rejected };
        },
        progress: (sync) => this.setConnection({ sync }),
        rewind: async () => (await this.runtime.cache?.rewind()) ?? 0,
        agent: (agent) => {
          this.profile = agent;
          this.accounts.rememberAccount(agent, this.hubUrl, this.now());
          this.listener.agent(agent);
        },
        queues: (queues) => {
          this.runtime.cache?.saveQueues(queues).catch((cause: unknown) => {
            // Only the next offline start loses them: this session counts down to the hub's values all the same.
            this.log.log('warn', 'the hub queues could not be kept in the cache', { detail: cause instanceof Error ? cause.message : String(cause) });
          });
          this.listener.queues?.(queues);
        },
        offer: (offer) => {
          this.projection.offers.set(offer.id, offer);
          this.listener.offer(offer);
        },
        offerRevoked: (offerId, reason) => {
          this.projection.offers.delete(offerId);
          this.listener.offerRevoked(offerId, reason);
        },
        ended: (reason) => {
          this.log.log('info', 'hub ended the session', { reason });
          this.endSession(reason);
        },
        // Supervisors also see agents typing; the workspace shows only the customer's indicator.
        typing: ({ conversationId, from, active }) => {
          if (from === 'customer') this.listener.typing?.(conversationId, active);
        },
        supervision: (notice) => this.listener.supervision?.(notice),
        alert: (alert) => this.listener.alert?.(alert),
      },
    });
  }

  private async freshToken(): Promise<string | null> {
    if (!this.token) return null;
    if (this.token.expiresAt - this.now() > REFRESH_MARGIN_MS) return this.token.value;
    const refreshed = await this.refresh();
    if (refreshed.ok) return this.token?.value ?? null;
    if (refreshed.error.code === 'unauthenticated') {
      this.endSession('your sign-in expired');
      return null;
    }
    return this.token.value;
  }

  private async refresh(): Promise<Result<LoginResponse>> {
    if (!this.token) return err('unauthenticated', 'sign in first');
    const refreshed = await refreshHubToken(this.hubUrl, this.token.value);
    if (refreshed.ok) {
      this.token = { value: refreshed.value.token, expiresAt: refreshed.value.expiresAt };
      this.sip = refreshed.value.sip ?? null;
      if (this.profile) this.tokens.save({ agentId: this.profile.id, ...this.token });
    }
    return refreshed;
  }

  /**
   * The SIP credentials the hub issued for this agent, for the phone engine; null when the hub has
   * no telephony. Fetched anew when unknown (started from a saved token) or close to expiry.
   */
  async sipCredentials(): Promise<Result<SipLoginCredentials | null>> {
    if (!this.token || !this.profile) return err('unauthenticated', 'sign in first');
    if (this.sip && this.sip.expiresAt - this.now() > SIP_REFRESH_MARGIN_MS) return ok(this.sip);
    const refreshed = await this.refresh();
    if (!refreshed.ok) {
      if (refreshed.error.code === 'unauthenticated') this.endSession('your sign-in expired');
      return refreshed;
    }
    return ok(this.sip);
  }

  /** Sends at once, for what is worthless later (taking an offer); everything else goes through `enqueue`. */
  async command(command: HubCommandInput, key: string = randomUUID()): Promise<Result<unknown>> {
    if (!this.client) return err('unauthenticated', 'sign in first');
    return this.client.command(key, command);
  }

  /** Ephemeral, so never queued: when the link is down the customer simply sees no indicator. */
  setTyping(conversationId: string, typing: boolean): Result<Record<string, never>> {
    if (!this.client) return err('unauthenticated', 'sign in first');
    return this.client.typing(conversationId, typing) ? ok({}) : err('unavailable', 'not connected to the hub');
  }

  /** Writes an action to the outbox (durable at once) and sends it when the hub is reachable. */
  async enqueue(command: HubCommandInput): Promise<Result<{ key: string }>> {
    const cache = this.runtime.cache;
    if (!cache) return err('unauthenticated', 'sign in first');
    const key = randomUUID();
    await cache.enqueueCommand(key, hubCommandSchema.parse(command));
    this.runtime.outboxChanged();
    return ok({ key });
  }

  /**
   * A reply or note: stored and shown as pending at once, sent in order, retried until the hub takes
   * it. Its files were uploaded to the hub already; the message names them.
   */
  async sendMessage(conversationId: string, text: string, internal: boolean, attachments: Attachment[] = []): Promise<Result<WorkspaceMessage>> {
    const cache = this.runtime.cache;
    const agent = this.profile;
    if (!cache || !agent) return err('unauthenticated', 'sign in first');
    const key = randomUUID();
    const attachmentIds = attachments.map((a) => a.id);
    const command = hubCommandSchema.parse({ kind: 'message.send', conversationId, text, internal, ...(attachmentIds.length > 0 ? { attachmentIds } : {}) });
    const local: WorkspaceMessage = {
      id: `local_${key}`,
      conversationId,
      channel: (await cache.conversation(conversationId))?.channel ?? 'widget',
      direction: 'out',
      authorKind: 'agent',
      authorId: agent.id,
      text: text.trim(),
      attachments,
      internal,
      key: `${agent.id}:${key}`,
      createdAt: this.now(),
      delivery: 'pending',
    };
    await cache.enqueueMessage(local, key, command);
    this.listener.message(local);
    this.runtime.outboxChanged();
    return ok(local);
  }

  /** Queues a failed reply again under its original key (`messageKey` is the message's `key`). */
  async retryMessage(messageKey: string): Promise<Result<WorkspaceMessage>> {
    const cache = this.runtime.cache;
    if (!cache) return err('unauthenticated', 'sign in first');
    const message = await cache.retryMessage(messageKey);
    if (!message) return err('not_found', 'that reply was already sent or is unknown');
    this.listener.message(message);
    this.runtime.outboxChanged();
    return ok(message);
  }

  /** In the cache thread: a search over a million messages never blocks this thread. */
  async search(query: string, limit?: number): Promise<Result<SearchResult>> {
    const cache = this.runtime.cache;
    if (!cache) return err('unauthenticated', 'sign in first');
    return ok(await cache.search(query, limit));
  }

  async draft(conversationId: string): Promise<Result<Draft | null>> {
    const cache = this.runtime.cache;
    if (!cache) return err('unauthenticated', 'sign in first');
    return ok(await cache.draft(conversationId));
  }

  async saveDraft(draft: Draft): Promise<Result<Record<string, never>>> {
    const cache = this.runtime.cache;
    if (!cache) return err('unauthenticated', 'sign in first');
    await cache.saveDraft(draft);
    return ok({});
  }

  async setPinned(conversationId: string, pinned: boolean): Promise<Result<{ pinned: boolean }>> {
    const cache = this.runtime.cache;
    if (!cache) return err('unauthenticated', 'sign in first');
    if (!(await cache.setPinned(conversationId, pinned))) return err('not_found', 'that conversation is not in the cache');
    return ok({ pinned });
  }

  /** The machine woke up: reconnect now rather than after the backoff. */
  wake(): void {
    this.client?.reconnectNow();
  }

  private closeClient(): void {
    this.client?.close();
    this.client = null;
    this.projection.offers.clear();
  }

  /** The hub said this sign-in is over: the cache stays for next time, the token does not. */
  private endSession(reason: string): void {
    this.generation++;
    this.closeClient();
    this.tokens.forget();
    this.token = null;
    this.sip = null;
    this.profile = null;
    void this.runtime.close();
    this.setConnection({ status: 'signed_out', detail: reason, sync: null, cached: false, pendingActions: 0 });
  }

  /** The agent signed out: forget the account for offline start too. Unsent actions wait in its cache for the next sign-in. */
  logout(): void {
    if (!this.profile && !this.client && !this.runtime.cache) return;
    if (this.token) void logoutFromHub(this.hubUrl, this.token.value);
    this.accounts.forgetAccount();
    this.endSession('signed out');
    this.setConnection({ detail: null });
  }

  /** The app is quitting: close everything, remember the account and token for the next start. */
  stop(): Promise<void> {
    this.closeClient();
    return this.runtime.close();
  }
}
