/** Numbered, append-only. Each runs once, in a transaction, and bumps `user_version`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const hubMigrations: Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE agents (
        id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,
        password_hash TEXT NOT NULL, skills TEXT NOT NULL, queues TEXT NOT NULL, capacity INTEGER NOT NULL,
        state TEXT NOT NULL, state_reason TEXT, state_since INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE queues (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, skills TEXT NOT NULL, sla_seconds INTEGER NOT NULL, sla_target REAL NOT NULL
      ) STRICT;
      CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, tags TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
      CREATE TABLE identities (
        kind TEXT NOT NULL, value TEXT NOT NULL, customer_id TEXT NOT NULL REFERENCES customers(id), verified INTEGER NOT NULL,
        PRIMARY KEY (kind, value)
      ) STRICT;
      CREATE INDEX identities_customer ON identities(customer_id);
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), channel TEXT NOT NULL, status TEXT NOT NULL,
        queue TEXT NOT NULL, assignee_id TEXT, priority INTEGER NOT NULL, tags TEXT NOT NULL, created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, last_message_at INTEGER, preview TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conversations_customer ON conversations(customer_id, channel, status);
      CREATE INDEX conversations_status ON conversations(status);
      CREATE INDEX conversations_assignee ON conversations(assignee_id, status);
      CREATE TABLE messages (
        id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id), channel TEXT NOT NULL,
        direction TEXT NOT NULL, author_kind TEXT NOT NULL, author_id TEXT, text TEXT NOT NULL, attachments TEXT NOT NULL,
        internal INTEGER NOT NULL, key TEXT UNIQUE, created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_conversation ON messages(conversation_id, created_at);
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL
      ) STRICT;
      CREATE TABLE command_keys (
        key TEXT PRIMARY KEY, agent_id TEXT NOT NULL, result TEXT NOT NULL, created_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
