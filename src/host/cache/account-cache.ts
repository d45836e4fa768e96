import type Database from 'better-sqlite3';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';
import { isEmptyDraft, type Draft } from '../../shared/domain/draft';
import type { Logger } from '../../shared/log';
import type { QueueSla } from '../../shared/domain/queue-sla';
import type { HubEvent } from '../../shared/protocol/hub-events';
import type { HubCommand } from '../../shared/protocol/hub-protocol';
import { assertNever } from '../../shared/result';
import { openCacheDatabase, openCacheFile, type CacheKey, type CacheRecovery } from './cache-file';
import { searchMessages } from './message-search';
import { conversationsTable } from './tables/conversations-table';
import { customersTable } from './tables/customers-table';
import { draftsTable } from './tables/drafts-table';
import { messageFromRow, messagesTable } from './tables/messages-table';
import { outboxFromRow, outboxTable, type OutboxEntry } from './tables/outbox-table';
import { queuesTable } from './tables/queues-table';
import { kbArticlesTable } from './tables/kb-articles-table';
import type { KbArticle } from '../../shared/domain/kb-article';
import type { Row } from './tables/row';
import { syncStateTable, type SyncState } from './tables/sync-state-table';
import { searchIndexTable } from './tables/search-index-table';
import { checkEvents, type IntakeWindow, type Rejection } from '../sync/event-intake';
import { escapeLike } from './message-search';
import { inboxPages, type InboxPage, type InboxQuery } from './inbox-pages';
import type { InboxRowState } from '../../shared/contracts/workspace-contract';

export interface SyncBatch {
  /** Checked events, in sequence order. */
  events: HubEvent[];
  /** The last sequence number the batch covers, seen or filtered out: the cursor after it. */
  through: number;
  head: number;
}

/** A conversation the batch stored, with what the inbox sorted and filtered it by before (null: new to the cache). */
export interface InboxChange {
  conversation: Conversation;
  before: InboxRowState | null;
  /** The sync cursor after the batch that stored it: an inbox page read at this cursor or later already holds it. */
  cursor: number;
}

export interface CacheChanges {
  conversations: Conversation[];
  /** The same conversations as inbox deltas, for the window the UI holds. */
  inbox: InboxChange[];
  customers: Customer[];
  messages: WorkspaceMessage[];
}

export interface IngestResult {
  cursor: number;
  changes: CacheChanges;
  rejected: Rejection[];
  lastSyncAt: number | null;
}

export interface SearchResult {
  messages: WorkspaceMessage[];
  conversations: Conversation[];
  customers: Customer[];
}

const DAY_MS = 86_400_000;

/** What an agent has seen and done, in one SQLite file per account: `<dataDir>/accounts/<agentId>/cache.sqlite`. */
export class AccountCache {
  private readonly sync;
  private readonly customers;
  private readonly conversations;
  private readonly messages;
  private readonly outbox;
  private readonly queueTargets;
  private readonly drafts;
  private readonly kb;
  private readonly pages;
  private readonly searchIndex;

  private constructor(
    readonly db: Database.Database,
    readonly agentId: string,
    readonly recovery: CacheRecovery | null,
    private readonly now: () => number,
  ) {
    this.sync = syncStateTable(db);
    this.customers = customersTable(db);
    this.conversations = conversationsTable(db);
    this.messages = messagesTable(db);
    this.outbox = outboxTable(db);
    this.queueTargets = queuesTable(db);
    this.drafts = draftsTable(db);
    this.kb = kbArticlesTable(db);
    this.pages = inboxPages(db);
    this.searchIndex = searchIndexTable(db);
  }

  /** `key`: the desktop's cache key (cache-key.ts); the file is encrypted with it. Null only in tests and benches. */
  static open(file: string, agentId: string, log: Logger, now: () => number = Date.now, key: CacheKey = null): AccountCache {
    const opened = openCacheFile(file, log, now, key);
    const cache = new AccountCache(opened.db, agentId, opened.recovery, now);
    if (opened.recovery) cache.salvageOutbox(opened.recovery.movedTo, log, key);
    return cache;
  }

  /**
   * A second connection to an open cache, for reading only (the search thread): no migration, no
   * recovery; the file's owner (the host's own AccountCache) has done both.
   */
  static reader(db: Database.Database, agentId: string): AccountCache {
    return new AccountCache(db, agentId, null, Date.now);
  }

  /** Replies still unsent in a file that had to be moved aside are worth a try: copy what can be read. */
  private salvageOutbox(file: string, log: Logger, key: CacheKey): void {
    // An encrypted file under this desktop's key, or a plain one from before encryption that could not be converted.
    for (const attempt of key ? [key, null] : [null]) {
      let old: Database.Database | null = null;
      try {
        old = openCacheDatabase(file, attempt, { readonly: true, fileMustExist: true });
        const entries = (old.prepare('SELECT * FROM outbox ORDER BY seq').all() as Row[]).map(outboxFromRow);
        const local = (old.prepare(`SELECT * FROM messages WHERE delivery != 'sent'`).all() as Row[]).map(messageFromRow);
        this.db.transaction(() => {
          for (const m of local) this.messages.putLocal(m);
          for (const e of entries) this.outbox.insert(e.key, e.command, e.messageId, this.now());
        })();
        if (entries.length > 0) log.log('warn', 'salvaged unsent actions from the unreadable cache', { count: entries.length });
        return;
      } catch {
        // Nothing readable this way: the file stays aside for support, and the agent is told the cache was rebuilt.
      } finally {
        old?.close();
      }
    }
  }


  syncState(): SyncState {
    return this.sync.get();
  }

  /** The key the hub stores on a reply: the agent's id scopes the client's idempotency key. */
  scopedKey(key: string): string {
    return `${this.agentId}:${key}`;
  }

  /** Stores a page (or one live event) and moves the cursor in the same transaction, so a crash never splits them. */
  applyBatch(batch: SyncBatch): { cursor: number; changes: CacheChanges } {
    return this.db.transaction(() => {
      const state = this.sync.get();
      const conversations = new Map<string, Conversation>();
      const before = new Map<string, InboxRowState | null>();
      const customers = new Map<string, Customer>();
      const messages: WorkspaceMessage[] = [];
      let cursor = state.cursor;
      const at = this.now();
      for (const event of batch.events) {
        if (event.seq <= cursor) continue;
        cursor = event.seq;
        switch (event.kind) {
          case 'customer.upserted':
            this.customers.upsert(event.customer, at);
            customers.set(event.customer.id, event.customer);
            break;
          case 'conversation.upserted':
            // Read once per batch: the UI's window needs where the row was before the first change it sees.
            if (!before.has(event.conversation.id)) before.set(event.conversation.id, this.conversations.inboxState(event.conversation.id));
            this.conversations.upsert(event.conversation);
            conversations.set(event.conversation.id, event.conversation);
            break;
          case 'message.created': {
            const message: WorkspaceMessage = { ...event.message, delivery: 'sent' };
            if (this.messages.putFromHub(message)) messages.push(message);
            break;
          }
          case 'message.updated': {
            const message = this.messages.updateFromHub({ ...event.message, delivery: 'sent' });
            if (message) messages.push(message);
            break;
          }
          default:
            assertNever(event);
        }
      }
      cursor = Math.max(cursor, batch.through);
      this.sync.set({ cursor, head: Math.max(batch.head, cursor), lastSyncAt: at });
      const changed = [...conversations.values()];
      const inbox = changed.map((conversation) => ({ conversation, before: before.get(conversation.id) ?? null, cursor }));
      return { cursor, changes: { conversations: changed, inbox, customers: [...customers.values()], messages } };
    })();
  }

  /**
   * A page (or live event) as the hub sent it: each event checked on its own (sync/event-intake.ts), the
   * accepted ones stored with the cursor in one transaction. What the cache thread runs for every page.
   */
  ingest(raw: readonly unknown[], window: IntakeWindow, through: number, head: number): IngestResult {
    const { accepted, rejected } = checkEvents(raw, window);
    const { cursor, changes } = this.applyBatch({ events: accepted, through, head });
    return { cursor, changes, rejected, lastSyncAt: this.sync.get().lastSyncAt };
  }

  /** The hub's history restarted below our cursor: sync it all again; what is cached stays until replaced or pruned. */
  rewind(): number {
    const state = this.sync.get();
    this.sync.set({ ...state, cursor: 0, head: 0 });
    return 0;
  }

  /** The queues (names, SLA targets) the hub last named; empty until a hub that sends them welcomed this account. */
  queues(): QueueSla[] {
    return this.queueTargets.all();
  }
  saveQueues(queues: readonly QueueSla[]): void {
    this.queueTargets.replaceAll(queues);
  }

  /** One window of the inbox from SQL (keyset below `after` or above `before`, or from `offset`), with the customers it names. */
  inboxPage(query: InboxQuery): InboxPage & { customers: Customer[]; cursor: number } {
    const page = this.pages.page(query, this.agentId);
    const cursor = this.sync.get().cursor;
    const customers = new Map<string, Customer>();
    for (const c of page.conversations) {
      if (customers.has(c.customerId)) continue;
      const customer = this.customers.get(c.customerId);
      if (customer) customers.set(customer.id, customer);
    }
    return { ...page, customers: [...customers.values()], cursor };
  }

  recentConversations(limit = 10_000): Conversation[] {
    return this.conversations.recent(limit);
  }
  conversation(id: string): Conversation | null {
    return this.conversations.get(id);
  }
  allCustomers(): Customer[] {
    return this.customers.all();
  }
  customer(id: string): Customer | null {
    return this.customers.get(id);
  }
  conversationMessages(conversationId: string): WorkspaceMessage[] {
    return this.messages.ofConversation(conversationId);
  }
  messageByKey(key: string): WorkspaceMessage | null {
    return this.messages.byKey(key);
  }
  messageCount(): number {
    return this.messages.count();
  }
  /** SQLite's quick_check of the file: 'ok' when sound. */
  quickCheck(): string {
    return String(this.db.pragma('quick_check', { simple: true }));
  }

  /**
   * Messages newest first, plus the conversations and customers they belong to, and customers whose
   * name or identity matches with their latest conversation.
   */
  search(query: string, limit = 50): SearchResult {
    const messages = searchMessages(this.db, query, limit, this.searchIndex.indexedThrough());
    const conversations = new Map<string, Conversation>();
    for (const m of messages) {
      const c = conversations.get(m.conversationId) ?? this.conversations.get(m.conversationId);
      if (c) conversations.set(c.id, c);
    }
    const customers = new Map<string, Customer>();
    const term = query.trim();
    if (term) {
      // A customer found by name or identity comes with their latest conversation: that is what the agent opens.
      for (const c of this.customers.search(`%${escapeLike(term)}%`, 20)) {
        customers.set(c.id, c);
        const latest = this.conversations.latestOfCustomer(c.id);
        if (latest) conversations.set(latest.id, latest);
      }
    }
    for (const c of conversations.values()) {
      const customer = customers.get(c.customerId) ?? this.customers.get(c.customerId);
      if (customer) customers.set(customer.id, customer);
    }
    return { messages, conversations: [...conversations.values()], customers: [...customers.values()] };
  }

  /** The knowledge-base articles in force as the hub last listed them, and when (null: never synced). */
  kbArticles(): { articles: KbArticle[]; syncedAt: number | null } {
    return { articles: this.kb.all(), syncedAt: this.kb.syncedAt() };
  }
  /** When the articles were last synced, without reading them: the search checks it on every query. */
  kbSyncedAt(): number | null {
    return this.kb.syncedAt();
  }
  replaceKbArticles(articles: readonly KbArticle[]): void {
    this.kb.replaceAll(articles, this.now());
  }
  /**
   * Adds up to `rows` stored messages to the search index (it follows ingest in the background,
   * migration 007); returns how many it added, 0 once the index is complete. Searches are complete
   * either way: what is not indexed yet is scanned.
   */
  indexPending(rows = 5_000): number {
    return this.searchIndex.indexChunk(rows);
  }
  /** Messages stored but not yet in the search index. */
  unindexedCount(): number {
    return this.searchIndex.pending();
  }

  draft(conversationId: string): Draft | null {
    return this.drafts.get(conversationId);
  }
  /** An empty draft removes the stored one. */
  saveDraft(draft: Draft): void {
    if (isEmptyDraft(draft)) this.drafts.remove(draft.conversationId);
    else this.drafts.put(draft);
  }

  setPinned(conversationId: string, pinned: boolean): boolean {
    return this.conversations.setPinned(conversationId, pinned);
  }
  isPinned(conversationId: string): boolean {
    return this.conversations.isPinned(conversationId);
  }

  /** A local copy of a reply: stored if new, otherwise only its delivery state follows. */
  upsertLocalMessage(message: WorkspaceMessage): void {
    if (!this.messages.putLocal(message)) this.messages.setDelivery(message.id, message.delivery);
  }

  /** A reply the agent wrote: shown at once as pending, and queued to send, in one transaction. */
  enqueueMessage(local: WorkspaceMessage, key: string, command: HubCommand): void {
    this.durably(() => {
      this.messages.putLocal(local);
      this.outbox.insert(key, command, local.id, this.now());
      // What was being written has been sent: its draft goes in the same commit.
      this.drafts.remove(local.conversationId);
    });
  }

  enqueueCommand(key: string, command: HubCommand): void {
    this.durably(() => this.outbox.insert(key, command, null, this.now()));
  }

  /** Commits with an fsync: what the agent wrote must outlive a power cut, unlike a re-fetchable sync page. */
  private durably(write: () => void): void {
    this.db.pragma('synchronous = FULL');
    try {
      this.db.transaction(write)();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  nextOutboxEntry(): OutboxEntry | null {
    return this.outbox.head();
  }
  outboxEntries(): OutboxEntry[] {
    return this.outbox.all();
  }
  pendingOutboxCount(): number {
    return this.outbox.pendingCount();
  }
  wakeOutbox(): void {
    this.outbox.wakeAll(this.now());
  }
  deferOutboxEntry(key: string, until: number, error: string): void {
    this.outbox.retryLater(key, until, error);
  }

  /** The hub accepted the action: it leaves the outbox and its message reads as sent. */
  completeOutboxEntry(entry: OutboxEntry): WorkspaceMessage | null {
    return this.db.transaction(() => {
      this.outbox.remove(entry.key);
      return this.settleMessage(entry, 'sent');
    })();
  }

  /** The hub refused the action for good (not a lost link): kept, marked failed, until the agent retries. */
  failOutboxEntry(entry: OutboxEntry, error: string): WorkspaceMessage | null {
    return this.db.transaction(() => {
      this.outbox.fail(entry.key, error);
      return this.settleMessage(entry, 'failed');
    })();
  }

  private settleMessage(entry: OutboxEntry, delivery: 'sent' | 'failed'): WorkspaceMessage | null {
    if (entry.command.kind !== 'message.send') return null;
    const message = this.messages.byKey(this.scopedKey(entry.key));
    if (!message) return null;
    // The hub's own copy may have arrived first; it is the truth and already reads as sent.
    if (message.delivery === 'sent') return message;
    this.messages.setDelivery(message.id, delivery);
    return { ...message, delivery };
  }

  /**
   * Sends a reply again under its original key, behind everything queued since: the hub never
   * stored a refused command, and a repeated key can never double one it did store.
   */
  retryMessage(messageKey: string): WorkspaceMessage | null {
    return this.db.transaction(() => {
      const message = this.messages.byKey(messageKey);
      if (!message || message.delivery === 'sent') return null;
      const prefix = `${this.agentId}:`;
      const key = messageKey.startsWith(prefix) ? messageKey.slice(prefix.length) : messageKey;
      const entry = this.outbox.byKey(key);
      if (!entry) return null;
      this.outbox.remove(key);
      this.outbox.insert(key, entry.command, entry.messageId, this.now());
      this.messages.setDelivery(message.id, 'pending');
      return { ...message, delivery: 'pending' as const };
    })();
  }

  /** Drops what is older than the retention window, except pinned conversations and anything not yet sent. */
  prune(retentionDays: number): { messages: number; conversations: number; customers: number; drafts: number } {
    const before = this.now() - retentionDays * DAY_MS;
    return this.db.transaction(() => ({
      messages: this.messages.prune(before),
      conversations: this.conversations.prune(before),
      customers: this.customers.prune(before),
      drafts: this.drafts.prune(before),
    }))();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
