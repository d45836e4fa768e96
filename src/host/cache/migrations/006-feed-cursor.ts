import type { CacheMigration } from './migration';

/**
 * The cursor became a position in this agent's own feed on the hub (it was a global sequence number):
 * the old one means nothing there, so the next sync reads the feed from its start. What the cache holds
 * stays; the events that come again are upserts of the same rows.
 */
export const migration006: CacheMigration = {
  version: 6,
  name: 'feed-cursor',
  sql: `UPDATE sync_state SET cursor = 0, head = 0;`,
};
