import type { CacheMigration } from './migration';

/**
 * The search index follows the messages in the background instead of inside every sync page: an
 * FTS5 trigram insert costs ~20× a plain row, so indexing each page at once made a 100,000-message
 * catch-up take seconds. `search_index.indexed_through` is the highest message rowid in the index;
 * newer rows are indexed later in large chunks (AccountCache.indexPending) and searched meanwhile by
 * a scan of that unindexed tail, so nothing is ever missing from a search. Deletes and text changes
 * of rows already in the index still update it at once; a new row whose rowid falls at or below the
 * mark (a reused rowid after a prune) is indexed at once too.
 */
export const migration007: CacheMigration = {
  version: 7,
  name: 'deferred-search',
  sql: `
    CREATE TABLE search_index (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      indexed_through INTEGER NOT NULL
    ) STRICT;
    INSERT INTO search_index (id, indexed_through) VALUES (1, (SELECT coalesce(max(rid), 0) FROM messages));
    DROP TRIGGER messages_fts_insert;
    DROP TRIGGER messages_fts_delete;
    DROP TRIGGER messages_fts_update;
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
      WHEN new.rid <= (SELECT indexed_through FROM search_index WHERE id = 1) BEGIN
      INSERT INTO messages_fts(rowid, text) VALUES (new.rid, new.text);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
      WHEN old.rid <= (SELECT indexed_through FROM search_index WHERE id = 1) BEGIN
      INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.rid, old.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
      WHEN old.rid <= (SELECT indexed_through FROM search_index WHERE id = 1) BEGIN
      INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.rid, old.text);
      INSERT INTO messages_fts(rowid, text) VALUES (new.rid, new.text);
    END;
  `,
};
