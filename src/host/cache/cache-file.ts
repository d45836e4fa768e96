import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../../shared/log';
import { migrateCache } from './migrate';
import { cacheMigrations } from './migrations';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface CacheRecovery {
  /** Where the unreadable file was moved, kept for support to look at. */
  movedTo: string;
  reason: string;
}

export interface OpenedCacheFile {
  db: Database.Database;
  recovery: CacheRecovery | null;
}

function headerProblem(file: string): string | null {
  if (!existsSync(file)) return null;
  const size = statSync(file).size;
  if (size === 0) return null;
  if (size < 100) return 'the file is too short to be a database';
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString('latin1') === SQLITE_HEADER ? null : 'the file header is not SQLite';
  } finally {
    closeSync(fd);
  }
}

function openChecked(file: string): Database.Database {
  const problem = headerProblem(file);
  if (problem) throw new Error(problem);
  const db = new Database(file, { timeout: 5_000 });
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL survives an app crash; synced pages lost to a power cut come again (their cursor is lost with
    // them). Outbox writes switch to FULL for their commit: an agent's reply must survive a power cut.
    db.pragma('synchronous = NORMAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check).slice(0, 200)}`);
    migrateCache(db, cacheMigrations);
    return db;
  } catch (cause) {
    db.close();
    throw cause;
  }
}

/** Moves the file and its WAL and shared-memory companions aside together, so none is read with the wrong partner. */
function moveAside(file: string, now: number): string {
  const target = file.replace(/\.sqlite$/, '') + `.corrupt-${now}.sqlite`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

/**
 * Opens (creating if needed) an account's cache. A file that cannot be read, fails its integrity
 * check or was written by a newer app is moved aside and a fresh one is made: the hub holds the
 * truth, and a cursor of 0 rebuilds it.
 */
export function openCacheFile(file: string, log: Logger, now: () => number = Date.now): OpenedCacheFile {
  mkdirSync(dirname(file), { recursive: true });
  try {
    return { db: openChecked(file), recovery: null };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const movedTo = moveAside(file, now());
    log.log('error', 'cache unreadable: moved aside, rebuilding from the hub', { reason, movedTo });
    return { db: openChecked(file), recovery: { movedTo, reason } };
  }
}
