import type { CacheMigration } from './migration';

/**
 * The knowledge-base articles in force, as the hub last listed them: the composer's search and the
 * assist panel's suggestions work from here, online or not. Each sync replaces them whole (an
 * article the hub retired is gone).
 */
export const migration008: CacheMigration = {
  version: 8,
  name: 'kb-articles',
  sql: `
    CREATE TABLE kb_articles (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      tags TEXT NOT NULL CHECK (json_valid(tags) AND json_type(tags) = 'array'),
      locale TEXT NOT NULL CHECK (locale IN ('zh-CN', 'zh-TW', 'en')),
      updated_at INTEGER NOT NULL,
      updated_by TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version > 0)
    ) STRICT;
    CREATE TABLE kb_sync (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      synced_at INTEGER NOT NULL
    ) STRICT;
  `,
};
