import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../shared/log';
import type { Encryptor } from '../settings/secret-store';
import { writeAtomically } from '../settings/settings-store';

/** The key every account cache on this desktop is encrypted with: 64 hex digits (256 bits), or an error saying why there is none. */
export type CacheKeySource = () => string;

const HEX_KEY = /^[0-9a-f]{64}$/;
export const CACHE_KEY_FILE = 'cache.key';
export const SEALED_CACHE_KEY_FILE = 'cache.key.sealed';

export class CacheKeyError extends Error {}

function newKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The web host's key: `<dataDir>/cache.key`, 64 hex digits, created once with mode 0600 (owner only). Whoever
 * can read that file can read the caches, exactly like the cache files themselves under the same owner: it
 * keeps the data unreadable when the cache files alone are copied (backups, support bundles, a shared disk).
 */
export function fileCacheKey(dataDir: string): CacheKeySource {
  const file = join(dataDir, CACHE_KEY_FILE);
  let key: string | null = null;
  return () => {
    if (key) return key;
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8').trim();
      if (!HEX_KEY.test(text)) throw new CacheKeyError(`${file} is not a cache key (64 hex digits); restore it, or delete it and the caches to start afresh`);
      chmodSync(file, 0o600);
      key = text;
    } else {
      key = newKey();
      writeAtomically(file, `${key}\n`);
    }
    return key;
  };
}

/**
 * The desktop's key, sealed by the OS keychain (Electron `safeStorage`): `<dataDir>/cache.key.sealed` holds only
 * ciphertext that this user on this machine can open. Without real OS encryption (Linux `basic_text`) the key
 * falls back to the owner-only file, and the log says so.
 */
export function sealedCacheKey(dataDir: string, encryptor: Encryptor, log: Logger): CacheKeySource {
  const sealedFile = join(dataDir, SEALED_CACHE_KEY_FILE);
  const fallback = fileCacheKey(dataDir);
  let key: string | null = null;
  return () => {
    if (key) return key;
    if (!encryptor.isEncryptionAvailable()) {
      log.log('warn', 'no OS encryption available: the cache key is kept in an owner-only file');
      key = fallback();
      return key;
    }
    if (existsSync(sealedFile)) {
      let opened: string;
      try {
        opened = encryptor.decryptString(Buffer.from(readFileSync(sealedFile, 'utf8').trim(), 'base64'));
      } catch (cause) {
        throw new CacheKeyError(`the OS keychain cannot open the cache key (${cause instanceof Error ? cause.message : 'unknown error'})`);
      }
      if (!HEX_KEY.test(opened)) throw new CacheKeyError(`${sealedFile} does not hold a cache key`);
      key = opened;
      return key;
    }
    // A key kept in the plain file before the keychain was available moves into the keychain.
    const plainFile = join(dataDir, CACHE_KEY_FILE);
    const next = existsSync(plainFile) ? fallback() : newKey();
    writeAtomically(sealedFile, `${encryptor.encryptString(next).toString('base64')}\n`);
    rmSync(plainFile, { force: true });
    key = next;
    return key;
  };
}
