import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheTooNewError, migrateCache } from '../migrate';
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

  it('refuses a file from a newer app', () => {
    const d = open(5);
    d.pragma('user_version = 99');
    expect(() => migrateCache(d, cacheMigrations)).toThrow(CacheTooNewError);
  });
});
