import type { CacheMigration } from './migration';

/**
 * What the agent was writing, per conversation: kept across conversation switches and restarts
 * until it is sent or cleared. Uploaded attachments waiting to go with it are kept too (their ids
 * name files the hub already holds).
 */
export const migration005: CacheMigration = {
  version: 5,
  name: 'drafts',
  sql: `
    CREATE TABLE drafts (
      conversation_id TEXT PRIMARY KEY,
      text TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('reply', 'note')),
      attachments TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
};
