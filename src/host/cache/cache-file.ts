import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
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

/** 64 hex digits: the 256-bit key of an encrypted cache (cache-key.ts), or null for a plain one (tests, benches). */
export type CacheKey = string | null;
const HEX_KEY = /^[0-9a-f]{64}$/;

/** A cache encrypted with another key than this desktop's: never read, never overwritten. */
export class CacheKeyMismatch extends Error {}

/**
 * Encryption at rest with SQLite3 Multiple Ciphers in its SQLCipher 4 format (the scheme Signal Desktop uses):
 * every page, the WAL included, is AES-256 encrypted and HMAC'd; without the key the file is noise.
 */
function applyKey(db: Database.Database, key: string): void {
  if (!HEX_KEY.test(key)) throw new Error('the cache key must be 64 hex digits');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key}'"`);
}

/** A database handle on the cache file, keyed when there is a key (also for reading a moved-aside file). */
export function openCacheDatabase(file: string, key: CacheKey, options: Database.Options = {}): Database.Database {
  const db = new Database(file, { timeout: 5_000, ...options });
  try {
    if (key) applyKey(db, key);
    return db;
  } catch (cause) {
    db.close();
    throw cause;
  }
}

/** Which key a cache was encrypted with, kept beside it as a hash (reveals nothing of the key): tells a wrong key from damage. */
const keyIdFile = (file: string): string => `${file}.keyid`;
const keyId = (key: string): string => createHash('sha256').update(`switchboard-cache-key-id|${key}`).digest('hex').slice(0, 32);

function plainHeader(file: string): boolean | 'short' | null {
  if (!existsSync(file)) return null;
  const size = statSync(file).size;
  if (size === 0) return null;
  if (size < 100) return 'short';
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Only the desktop user reads the cache: folder 0700, the file and its companions 0600, whatever the umask. */
function privateCacheFile(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm', '-journal', '.keyid']) {
    const path = file + suffix;
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

/**
 * A cache written before encryption (a plain SQLite file) is encrypted in place, keeping everything in it
 * (outbox and drafts included): its WAL is folded in first, then every page is rewritten under the key.
 */
function encryptInPlace(file: string, key: string, log: Logger): void {
  const db = new Database(file, { timeout: 5_000 });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${key}'"`);
  } finally {
    db.close();
  }
  writeFileSync(keyIdFile(file), `${keyId(key)}\n`, { mode: 0o600 });
  log.log('info', 'the account cache was encrypted at rest (it was written by an earlier version in plain)');
}

function openChecked(file: string, key: CacheKey, log: Logger): Database.Database {
  const plain = plainHeader(file);
  if (plain === 'short') throw new Error('the file is too short to be a database');
  if (key && plain === true) encryptInPlace(file, key, log);
  else if (!key && plain === false) throw new Error('the file header is not SQLite');
  else if (key && plain === false && existsSync(keyIdFile(file))) {
    const recorded = readFileSync(keyIdFile(file), 'utf8').trim();
    if (recorded !== keyId(key)) {
      throw new CacheKeyMismatch('the cache is encrypted with a different key (copied from another user or machine, or the keychain was reset)');
    }
  } else if (key && plain === false) throw new Error('the file header is not SQLite and the cache key it was written with is unknown');
  const db = openCacheDatabase(file, key);
  try {
    if (key && plain === null) writeFileSync(keyIdFile(file), `${keyId(key)}\n`, { mode: 0o600 });
    db.pragma('journal_mode = WAL');
    // NORMAL survives an app crash; synced pages lost to a power cut come again (their cursor is lost with
    // them). Outbox writes switch to FULL for their commit: an agent's reply must survive a power cut.
    db.pragma('synchronous = NORMAL');
    // 32 MiB of page cache (the default is 2 MiB): a catch-up's inserts keep the message indexes' hot pages in memory.
    db.pragma('cache_size = -32768');
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
  for (const suffix of ['', '-wal', '-shm', '.keyid']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

/**
 * Opens (creating if needed) an account's cache, encrypted with `key` (a plain cache from an earlier version is
 * encrypted in place). A file that cannot be read, fails its integrity check, was written by a newer app or is
 * encrypted with another key is moved aside (kept, never deleted) and a fresh one is made: the hub holds the
 * truth, and a cursor of 0 rebuilds it. The recovery says why.
 */
export function openCacheFile(file: string, log: Logger, now: () => number = Date.now, key: CacheKey = null): OpenedCacheFile {
  privateCacheFile(file);
  try {
    return { db: openChecked(file, key, log), recovery: null };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const movedTo = moveAside(file, now());
    log.log('error', 'cache unreadable: moved aside, rebuilding from the hub', { reason, movedTo });
    privateCacheFile(file);
    return { db: openChecked(file, key, log), recovery: { movedTo, reason } };
  }
}
