import type Database from 'better-sqlite3';
import type { Migration } from './migrations';

/**
 * Applies every migration newer than the file's `user_version`, each in its own transaction. A file
 * written by a newer hub is refused: this code would misread tables it does not know the shape of.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new Error(`the hub database is at schema version ${current}, newer than this hub knows (${newest}): run a newer hub`);
  }
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return pending.length;
}
