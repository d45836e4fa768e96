import type { CacheMigration } from './migration';

/** What the agent has seen, and how far the cache has synced. Foreign keys are left out on purpose: events may arrive before what they name. */
export const migration001: CacheMigration = {
  version: 1,
  name: 'core',
  sql: `
    CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      cursor INTEGER NOT NULL,
      head INTEGER NOT NULL,
      last_sync_at INTEGER
    ) STRICT;
    INSERT INTO sync_state (id, cursor, head, last_sync_at) VALUES (1, 0, 0, NULL);
    CREATE TABLE customers (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, tags TEXT NOT NULL, identities TEXT NOT NULL,
      doc TEXT NOT NULL, created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE conversations (
      id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, queue TEXT NOT NULL,
      assignee_id TEXT, priority INTEGER NOT NULL, tags TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
      last_message_at INTEGER, preview TEXT NOT NULL, doc TEXT NOT NULL, pinned INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX conversations_recent ON conversations(coalesce(last_message_at, updated_at));
    CREATE INDEX conversations_customer ON conversations(customer_id);
    CREATE TABLE messages (
      rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, conversation_id TEXT NOT NULL, channel TEXT NOT NULL,
      direction TEXT NOT NULL, author_kind TEXT NOT NULL, author_id TEXT, text TEXT NOT NULL, attachments TEXT NOT NULL,
      internal INTEGER NOT NULL, key TEXT UNIQUE, created_at INTEGER NOT NULL, delivery TEXT NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX messages_conversation ON messages(conversation_id, created_at);
    CREATE INDEX messages_created ON messages(created_at);
  `,
};
