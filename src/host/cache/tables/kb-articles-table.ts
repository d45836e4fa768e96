import type Database from 'better-sqlite3';
import { kbArticleSchema, type KbArticle } from '../../../shared/domain/kb-article';
import { json, type Row } from './row';

export function kbArticleFromRow(row: Row): KbArticle {
  return kbArticleSchema.parse({
    id: row.id,
    title: row.title,
    body: row.body,
    tags: json(row.tags),
    locale: row.locale,
    retiredAt: null,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    version: row.version,
  });
}

/** The articles in force as the hub last listed them, and when that was; each sync replaces them whole. */
export function kbArticlesTable(db: Database.Database) {
  const all = db.prepare('SELECT * FROM kb_articles ORDER BY id');
  const clear = db.prepare('DELETE FROM kb_articles');
  const insert = db.prepare(
    `INSERT INTO kb_articles (id, title, body, tags, locale, updated_at, updated_by, version)
     VALUES (@id, @title, @body, @tags, @locale, @updatedAt, @updatedBy, @version)`,
  );
  const syncedAt = db.prepare('SELECT synced_at FROM kb_sync WHERE id = 1');
  const setSynced = db.prepare('INSERT INTO kb_sync (id, synced_at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET synced_at = excluded.synced_at');
  return {
    all: (): KbArticle[] => (all.all() as Row[]).map(kbArticleFromRow),
    syncedAt: (): number | null => ((syncedAt.get() as Row | undefined)?.synced_at as number | undefined) ?? null,
    replaceAll(articles: readonly KbArticle[], at: number): void {
      db.transaction(() => {
        clear.run();
        for (const a of articles) if (a.retiredAt === null) insert.run({ ...a, tags: JSON.stringify(a.tags) });
        setSynced.run(at);
      })();
    },
  };
}
