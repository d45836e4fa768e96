import { INBOX_RANK_SQL } from '../../../shared/domain/inbox-order';
import type { CacheMigration } from './migration';

/**
 * The inbox is read from SQL a window at a time with a keyset cursor (inbox-pages.ts). Its order
 * (priority, then recency, then id) becomes one generated column, so a cursor seeks in one index
 * instead of scanning past every row above it; the index also covers the columns the filters test,
 * so paging, counting and offsets never touch the conversation documents.
 */
export const migration009: CacheMigration = {
  version: 9,
  name: 'inbox-rank',
  sql: `
    ALTER TABLE conversations ADD COLUMN inbox_rank INTEGER GENERATED ALWAYS AS (${INBOX_RANK_SQL}) VIRTUAL;
    CREATE INDEX conversations_inbox ON conversations(inbox_rank, id, status, channel, assignee_id, queue);
  `,
};
