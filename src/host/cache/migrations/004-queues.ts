import type { CacheMigration } from './migration';

/**
 * The queues the hub last named in its welcome, with the targets the SLA countdowns run to: an
 * offline start counts down to the hub's values, not to the desktop's fallbacks.
 */
export const migration004: CacheMigration = {
  version: 4,
  name: 'queues',
  sql: `
    CREATE TABLE queues (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      sla_seconds INTEGER NOT NULL CHECK (sla_seconds > 0),
      reply_seconds INTEGER NOT NULL CHECK (reply_seconds > 0)
    ) STRICT;
  `,
};
