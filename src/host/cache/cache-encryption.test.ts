import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import { createMemoryLogger } from '../../shared/log';
import type { Encryptor } from '../settings/secret-store';
import { AccountCache } from './account-cache';
import { CACHE_KEY_FILE, CacheKeyError, fileCacheKey, SEALED_CACHE_KEY_FILE, sealedCacheKey } from './cache-key';

const opened: AccountCache[] = [];
afterEach(() => opened.splice(0).forEach((c) => c.db.open && c.close()));

const SECRET = 'ORDER-7730 card ending 0128, deliver to 1 Example Rd';
const KEY = randomBytes(32).toString('hex');

function fresh(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cache-enc-'));
  return { dir, file: join(dir, 'accounts', 'agt_test', 'cache.sqlite') };
}
function open(file: string, key: string | null) {
  const c = AccountCache.open(file, 'agt_test', createMemoryLogger(), Date.now, key);
  opened.push(c);
  return c;
}
function queueReply(c: AccountCache, text: string): void {
  const local: WorkspaceMessage = { id: 'local_k', conversationId: 'c1', channel: 'widget', direction: 'out', authorKind: 'agent', authorId: 'agt_test', text, attachments: [], internal: false, key: c.scopedKey('k-1234567'), createdAt: 1, delivery: 'pending' };
  c.enqueueMessage(local, 'k-1234567', { kind: 'message.send', conversationId: 'c1', text, internal: false });
  c.saveDraft({ conversationId: 'c2', text: `draft: ${text}`, mode: 'reply', attachments: [], updatedAt: 2 });
}
/** Every byte the cache left on disk: the file and its WAL. */
const onDisk = (file: string) => Buffer.concat(['', '-wal'].filter((s) => existsSync(file + s)).map((s) => readFileSync(file + s)));

describe('the account cache at rest', () => {
  it('holds no message text in the clear, in the file or its WAL, and only its owner may read it', () => {
    const { file } = fresh();
    const c = open(file, KEY);
    queueReply(c, SECRET);
    expect(onDisk(file).includes(Buffer.from('ORDER-7730'))).toBe(false);
    c.close();
    expect(onDisk(file).includes(Buffer.from('ORDER-7730'))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    const again = open(file, KEY);
    expect(again.recovery).toBeNull();
    expect(again.conversationMessages('c1').map((m) => m.text)).toEqual([SECRET]);
  });

  it('says clearly when the key is not the one the cache was written with, and keeps the file aside untouched', () => {
    const { file } = fresh();
    queueReply(open(file, KEY), SECRET);
    opened[0]?.close();
    const before = readFileSync(file);
    const other = open(file, randomBytes(32).toString('hex'));
    expect(other.recovery?.reason).toMatch(/encrypted with a different key/);
    expect(other.outboxEntries()).toEqual([]);
    expect(readFileSync(other.recovery?.movedTo ?? '').equals(before)).toBe(true);
  });

  it('encrypts a plain cache from an earlier version in place, keeping unsent replies and drafts', () => {
    const { file } = fresh();
    const plain = open(file, null);
    queueReply(plain, SECRET);
    plain.close();
    expect(onDisk(file).includes(Buffer.from('ORDER-7730'))).toBe(true);
    const c = open(file, KEY);
    expect(c.recovery).toBeNull();
    expect(c.outboxEntries().map((e) => e.key)).toEqual(['k-1234567']);
    expect(c.draft('c2')?.text).toBe(`draft: ${SECRET}`);
    c.close();
    expect(onDisk(file).includes(Buffer.from('ORDER-7730'))).toBe(false);
  });
});

describe('the cache key', () => {
  it('web host: <dataDir>/cache.key, 64 hex digits, mode 0600, the same on every start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-key-'));
    const key = fileCacheKey(dir)();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, CACHE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fileCacheKey(dir)()).toBe(key);
  });

  it('desktop: sealed by the OS keychain, never written in the clear; a plain key moves into the keychain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-key-'));
    const plainKey = fileCacheKey(dir)();
    const seal = 'sealed:';
    const keychain: Encryptor = {
      isEncryptionAvailable: () => true,
      encryptString: (text) => Buffer.from(seal + Buffer.from(text).reverse().toString('base64')),
      decryptString: (data) => Buffer.from(data.toString().slice(seal.length), 'base64').reverse().toString(),
    };
    const key = sealedCacheKey(dir, keychain, createMemoryLogger())();
    expect(key).toBe(plainKey);
    expect(existsSync(join(dir, CACHE_KEY_FILE))).toBe(false);
    expect(readFileSync(join(dir, SEALED_CACHE_KEY_FILE), 'utf8')).not.toContain(key);
    expect(sealedCacheKey(dir, keychain, createMemoryLogger())()).toBe(key);
    const broken: Encryptor = { ...keychain, decryptString: () => { throw new Error('keychain locked'); } };
    expect(() => sealedCacheKey(dir, broken, createMemoryLogger())()).toThrow(CacheKeyError);
  });
});
