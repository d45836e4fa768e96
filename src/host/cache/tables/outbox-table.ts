import type Database from 'better-sqlite3';
import { z } from 'zod';
import { hubCommandSchema, type HubCommand } from '../../../shared/protocol/hub-protocol';
import type { Row } from './row';

export interface OutboxEntry {
  seq: number;
  key: string;
  command: HubCommand;
  messageId: string | null;
  state: 'pending' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
}

const rowSchema = z.object({
  seq: z.number().int(),
  key: z.string(),
  command: z.string(),
  message_id: z.string().nullable(),
  state: z.enum(['pending', 'failed']),
  attempts: z.number().int(),
  next_attempt_at: z.number(),
  last_error: z.string().nullable(),
  created_at: z.number(),
});

export function outboxFromRow(row: Row): OutboxEntry {
  const r = rowSchema.parse(row);
  return {
    seq: r.seq,
    key: r.key,
    command: hubCommandSchema.parse(JSON.parse(r.command)),
    messageId: r.message_id,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
}

/** The durable queue of agent actions, in the order they were taken. */
export function outboxTable(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO outbox (key, kind, command, message_id, state, attempts, next_attempt_at, created_at)
     VALUES (@key, @kind, @command, @message_id, 'pending', 0, @now, @now)`,
  );
  const head = db.prepare(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1`);
  const byKey = db.prepare('SELECT * FROM outbox WHERE key = ?');
  const byMessage = db.prepare('SELECT * FROM outbox WHERE message_id = ?');
  const remove = db.prepare('DELETE FROM outbox WHERE key = ?');
  const retryLater = db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE key = ?');
  const fail = db.prepare(`UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE key = ?`);
  const all = db.prepare('SELECT * FROM outbox ORDER BY seq');
  const pendingCount = db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`);
  const wakeAll = db.prepare(`UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`);
  return {
    insert(key: string, command: HubCommand, messageId: string | null, now: number): void {
      insert.run({ key, kind: command.kind, command: JSON.stringify(command), message_id: messageId, now });
    },
    head(): OutboxEntry | null {
      const row = head.get() as Row | undefined;
      return row ? outboxFromRow(row) : null;
    },
    byKey(key: string): OutboxEntry | null {
      const row = byKey.get(key) as Row | undefined;
      return row ? outboxFromRow(row) : null;
    },
    byMessage(messageId: string): OutboxEntry | null {
      const row = byMessage.get(messageId) as Row | undefined;
      return row ? outboxFromRow(row) : null;
    },
    remove: (key: string): boolean => remove.run(key).changes > 0,
    retryLater: (key: string, at: number, error: string): void => void retryLater.run(at, error, key),
    fail: (key: string, error: string): void => void fail.run(error, key),
    all: (): OutboxEntry[] => (all.all() as Row[]).map(outboxFromRow),
    pendingCount: (): number => Number((pendingCount.get() as { n: number }).n),
    /** The link came back: everything waiting out a backoff may go now. */
    wakeAll: (now: number): void => void wakeAll.run(now, now),
  };
}
