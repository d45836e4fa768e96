import type Database from 'better-sqlite3';
import type { Migration } from './migrations';

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return pending.length;
}
