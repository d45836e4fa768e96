import type Database from 'better-sqlite3';
import type { CacheMigration } from './migrations';

/** A file written by a newer app: opening it would risk misreading it, so the caller treats it as unreadable. */
export class CacheTooNewError extends Error {}

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
export function migrateCache(db: Database.Database, migrations: readonly CacheMigration[], upTo = Infinity): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if (current > latest) throw new CacheTooNewError(`cache schema ${current} is newer than this app knows (${latest})`);
  const pending = migrations.filter((m) => m.version > current && m.version <= upTo).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return pending.length;
}
