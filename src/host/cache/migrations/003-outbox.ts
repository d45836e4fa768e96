import type { CacheMigration } from './migration';

/**
 * Everything the agent does, written here before it is sent: `seq` is the send order, `key`
 * the idempotency key the hub de-duplicates by. Acknowledged rows are deleted.
 */
export const migration003: CacheMigration = {
  version: 3,
  name: 'outbox',
  sql: `
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      command TEXT NOT NULL,
      message_id TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX outbox_state ON outbox(state, seq);
  `,
};
