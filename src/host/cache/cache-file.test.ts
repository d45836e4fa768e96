import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { AccountCache } from './account-cache';

const opened: AccountCache[] = [];
afterEach(() => opened.splice(0).forEach((c) => c.close()));

function fresh(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cache-file-'));
  return { dir, file: join(dir, 'cache.sqlite') };
}
const open = (file: string) => {
  const c = AccountCache.open(file, 'agt_test', createMemoryLogger());
  opened.push(c);
  return c;
};

describe('opening an unreadable cache', () => {
  it('moves a file with a garbage header aside and starts empty', () => {
    const { dir, file } = fresh();
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    const c = open(file);
    expect(c.recovery?.reason).toMatch(/header/);
    expect(c.syncState().cursor).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith('cache.corrupt-'))).toBe(true);
    expect(existsSync(c.recovery!.movedTo)).toBe(true);
  });

  it('detects damaged pages with quick_check', () => {
    const { file } = fresh();
    const first = open(file);
    const insert = first.db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at, delivery)
       VALUES (?, 'c', 'widget', 'in', 'customer', NULL, ?, '[]', 0, NULL, 1, 'sent')`,
    );
    first.db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`m${i}`, `message number ${i} `.repeat(10));
    })();
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    // Scribble over the middle of the file: pages of the messages b-tree, past the header and schema.
    const db = new Database(file);
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.close();
    const fd = Buffer.alloc(4096 * 4, 0xff);
    const bytes = readFileSync(file);
    fd.copy(bytes, Math.floor(pages / 2) * 4096);
    writeFileSync(file, bytes);
    const c = open(file);
    expect(c.recovery).not.toBeNull();
    expect(c.messageCount()).toBe(0);
  });

  it('treats a file from a newer app version as unreadable', () => {
    const { file } = fresh();
    const db = new Database(file);
    db.pragma('user_version = 500');
    db.close();
    expect(open(file).recovery?.reason).toMatch(/newer/);
  });

  it('keeps unsent replies that can still be read from the old file', () => {
    const { file } = fresh();
    const first = open(file);
    first.enqueueMessage(
      { id: 'local_k', conversationId: 'c1', channel: 'widget', direction: 'out', authorKind: 'agent', authorId: 'agt_test', text: 'still mine', attachments: [], internal: false, key: first.scopedKey('k-1234567'), createdAt: 1, delivery: 'pending' },
      'k-1234567',
      { kind: 'message.send', conversationId: 'c1', text: 'still mine', internal: false },
    );
    first.db.pragma('user_version = 500');
    first.close();
    const c = open(file);
    expect(c.recovery).not.toBeNull();
    expect(c.outboxEntries().map((e) => e.key)).toEqual(['k-1234567']);
    expect(c.conversationMessages('c1').map((m) => [m.text, m.delivery])).toEqual([['still mine', 'pending']]);
  });

  it('opens a healthy file without a notice', () => {
    const { file } = fresh();
    open(file).close();
    expect(open(file).recovery).toBeNull();
  });
});
