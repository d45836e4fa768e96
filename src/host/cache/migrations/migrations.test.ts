import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheTooNewError, migrateCache } from '../migrate';
import { inboxRank } from '../../../shared/domain/inbox-order';
import { cacheMigrations } from './index';

let db: Database.Database;
afterEach(() => db?.close());

const open = (upTo: number): Database.Database => {
  db = new Database(':memory:');
  migrateCache(db, cacheMigrations, upTo);
  return db;
};
const strictTables = (d: Database.Database): string[] =>
  (d.prepare(`SELECT name FROM pragma_table_list WHERE strict = 1 AND schema = 'main' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);

describe('cache migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(cacheMigrations.map((m) => m.version)).toEqual(cacheMigrations.map((_, i) => i + 1));
  });

  it('001 creates STRICT core tables and a cursor at 0', () => {
    const d = open(1);
    expect(strictTables(d)).toEqual(['conversations', 'customers', 'messages', 'sync_state']);
    expect(d.prepare('SELECT cursor, head, last_sync_at FROM sync_state').get()).toEqual({ cursor: 0, head: 0, last_sync_at: null });
    expect(() => d.prepare(`INSERT INTO sync_state (id, cursor, head) VALUES (2, 0, 0)`).run()).toThrow(/CHECK/);
    // STRICT: a text where a number belongs is refused, not silently kept.
    expect(() => d.prepare(`UPDATE sync_state SET cursor = 'x'`).run()).toThrow(/cannot store TEXT/);
    expect(d.pragma('user_version', { simple: true })).toBe(1);
  });

  it('002 indexes existing and new messages with the trigram tokenizer, and follows deletes', () => {
    const d = open(1);
    const insert = d.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at, delivery)
       VALUES (?, 'c', 'widget', 'in', 'customer', NULL, ?, '[]', 0, NULL, 1, 'sent')`,
    );
    insert.run('before', '我的订单还没到');
    migrateCache(d, cacheMigrations, 2);
    insert.run('after', 'Where is my parcel?');
    const match = (q: string) => (d.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').all(q) as unknown[]).length;
    expect(match('"订单还"')).toBe(1);
    expect(match('"PARCEL"')).toBe(1);
    d.prepare(`DELETE FROM messages WHERE id = 'before'`).run();
    expect(match('"订单还"')).toBe(0);
    d.prepare(`UPDATE messages SET text = '退款什么时候到' WHERE id = 'after'`).run();
    expect(match('"parcel"')).toBe(0);
    expect(match('"退款什"')).toBe(1);
  });

  it('003 adds a STRICT outbox whose state is pending or failed', () => {
    const d = open(3);
    expect(strictTables(d)).toContain('outbox');
    const insert = d.prepare(`INSERT INTO outbox (key, kind, command, state, next_attempt_at, created_at) VALUES (?, 'x', '{}', ?, 0, 0)`);
    insert.run('k1', 'pending');
    expect(() => insert.run('k2', 'sent')).toThrow(/CHECK/);
    expect(() => insert.run('k1', 'pending')).toThrow(/UNIQUE/);
  });

  it('004 adds a STRICT queues table that keeps an existing cache and refuses a target that is not positive', () => {
    const d = open(3);
    d.prepare(`INSERT INTO outbox (key, kind, command, state, next_attempt_at, created_at) VALUES ('k1', 'x', '{}', 'pending', 0, 0)`).run();
    migrateCache(d, cacheMigrations, 4);
    expect(strictTables(d)).toContain('queues');
    expect(d.prepare('SELECT key FROM outbox').all()).toEqual([{ key: 'k1' }]);
    const insert = d.prepare(`INSERT INTO queues (id, name, sla_seconds, reply_seconds) VALUES (?, 'Chat', ?, ?)`);
    insert.run('chat', 30, 120);
    expect(() => insert.run('vip', 0, 60)).toThrow(/CHECK/);
    expect(() => insert.run('vip', 10, -1)).toThrow(/CHECK/);
    expect(() => insert.run('vip', '10s', 60)).toThrow(/cannot store TEXT/);
    expect(d.pragma('user_version', { simple: true })).toBe(4);
  });

  it('005 adds STRICT drafts, one per conversation, in reply or note mode', () => {
    const d = open(4);
    migrateCache(d, cacheMigrations, 5);
    expect(strictTables(d)).toContain('drafts');
    const insert = d.prepare(`INSERT INTO drafts (conversation_id, text, mode, attachments, updated_at) VALUES (?, 'x', ?, '[]', 1)`);
    insert.run('c1', 'reply');
    expect(() => insert.run('c1', 'note')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('c2', 'shout')).toThrow(/CHECK/);
    expect(d.pragma('user_version', { simple: true })).toBe(5);
  });

  it('007 keeps what 002 indexed and leaves new messages to the background indexer', () => {
    const d = open(6);
    const insert = d.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at, delivery)
       VALUES (?, 'c', 'widget', 'in', 'customer', NULL, ?, '[]', 0, NULL, 1, 'sent')`,
    );
    insert.run('before', '我的订单还没到');
    migrateCache(d, cacheMigrations, 7);
    insert.run('after', 'Where is my parcel?');
    const match = (q: string) => (d.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').all(q) as unknown[]).length;
    expect(match('"订单还"')).toBe(1);
    expect(match('"parcel"')).toBe(0);
    expect(d.prepare('SELECT indexed_through FROM search_index').pluck().get()).toBe(1);
    d.prepare(`DELETE FROM messages WHERE id = 'before'`).run();
    expect(match('"订单还"')).toBe(0);
    expect(d.pragma('user_version', { simple: true })).toBe(7);
  });

  it('008 adds STRICT knowledge-base articles beside an existing cache, with checked tags, locale and version', () => {
    const d = open(7);
    d.prepare(`INSERT INTO drafts (conversation_id, text, mode, attachments, updated_at) VALUES ('c1', 'kept', 'reply', '[]', 1)`).run();
    migrateCache(d, cacheMigrations, 8);
    expect(strictTables(d)).toEqual(expect.arrayContaining(['kb_articles', 'kb_sync']));
    expect(d.prepare('SELECT text FROM drafts').all()).toEqual([{ text: 'kept' }]);
    const insert = d.prepare(`INSERT INTO kb_articles (id, title, body, tags, locale, updated_at, updated_by, version) VALUES (?, 't', 'b', ?, ?, 1, 'admin', ?)`);
    insert.run('a1', '["物流"]', 'zh-CN', 1);
    expect(() => insert.run('a2', 'not json', 'en', 1)).toThrow(/CHECK/);
    expect(() => insert.run('a3', '{}', 'en', 1)).toThrow(/CHECK/);
    expect(() => insert.run('a4', '[]', 'fr', 1)).toThrow(/CHECK/);
    expect(() => insert.run('a5', '[]', 'en', 0)).toThrow(/CHECK/);
    expect(() => d.prepare(`INSERT INTO kb_sync (id, synced_at) VALUES (2, 1)`).run()).toThrow(/CHECK/);
    expect(d.pragma('user_version', { simple: true })).toBe(8);
  });

  it('009 ranks existing and new conversations in the inbox order and seeks a keyset cursor in one index', () => {
    const d = open(8);
    const insert = d.prepare(
      `INSERT INTO conversations (id, customer_id, channel, status, queue, assignee_id, priority, tags, created_at, updated_at, last_message_at, preview, doc)
       VALUES (?, 'u', 'widget', 'active', 'chat', NULL, ?, '[]', 0, ?, ?, '', '{}')`,
    );
    insert.run('old', 0, 5, 1_800_000_000_000);
    insert.run('vip', 3, 1, null);
    migrateCache(d, cacheMigrations, 9);
    insert.run('new', 0, 1_900_000_000_000, null);
    const ranked = d.prepare('SELECT id, inbox_rank AS rank FROM conversations ORDER BY inbox_rank DESC, id DESC').all() as Array<{ id: string; rank: number }>;
    // Priority first, then recency (the last message, or the last update without one); the same number the renderer computes.
    expect(ranked.map((r) => r.id)).toEqual(['vip', 'new', 'old']);
    expect(ranked.map((r) => r.rank)).toEqual([
      inboxRank({ priority: 3, lastMessageAt: null, updatedAt: 1 }),
      inboxRank({ priority: 0, lastMessageAt: null, updatedAt: 1_900_000_000_000 }),
      inboxRank({ priority: 0, lastMessageAt: 1_800_000_000_000, updatedAt: 5 }),
    ]);
    d.prepare(`UPDATE conversations SET last_message_at = 2_000_000_000_000 WHERE id = 'old'`).run();
    expect(d.prepare(`SELECT id FROM conversations WHERE priority = 0 ORDER BY inbox_rank DESC LIMIT 1`).pluck().get()).toBe('old');
    const plan = (sql: string) => (d.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' ');
    expect(plan(`SELECT count(*) FROM conversations WHERE status != 'closed' AND (inbox_rank, id) > (1, 'x')`)).toMatch(/INDEX conversations_inbox \(\(inbox_rank,id\)>\(\?,\?\)\)/);
    expect(plan(`SELECT id FROM conversations WHERE channel = 'email' AND (inbox_rank, id) < (1, 'x') ORDER BY inbox_rank DESC, id DESC LIMIT 50`)).toMatch(
      /INDEX conversations_inbox \(\(inbox_rank,id\)<\(\?,\?\)\)/,
    );
    expect(d.pragma('user_version', { simple: true })).toBe(9);
  });

  it('refuses a file from a newer app', () => {
    const d = open(5);
    d.pragma('user_version = 99');
    expect(() => migrateCache(d, cacheMigrations)).toThrow(CacheTooNewError);
  });
});
