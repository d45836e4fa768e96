import type { CacheMigration } from './migration';

/**
 * Full-text search over message text. The trigram tokenizer needs no word segmentation, so
 * Chinese and English match alike; it is an external-content table kept in step by triggers.
 */
export const migration002: CacheMigration = {
  version: 2,
  name: 'search',
  sql: `
    CREATE VIRTUAL TABLE messages_fts USING fts5(
      text, content='messages', content_rowid='rid', tokenize='trigram remove_diacritics 1'
    );
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts(rowid, text) VALUES (new.rid, new.text);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.rid, old.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
      INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.rid, old.text);
      INSERT INTO messages_fts(rowid, text) VALUES (new.rid, new.text);
    END;
    INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
  `,
};
