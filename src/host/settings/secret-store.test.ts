import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { createMemorySecretStore, openEncryptedSecretStore, SECRETS_FILE_NAME, type Encryptor } from './secret-store';

/** A stand-in for safeStorage: reversible, keyed, and visibly not the plain text. */
function fakeEncryptor(available = true, key = 7): Encryptor {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from([key, ...Buffer.from(text, 'utf8').map((b) => b ^ key)]),
    decryptString: (data) => {
      if (data[0] !== key) throw new Error('wrong key');
      return Buffer.from(data.subarray(1).map((b) => b ^ key)).toString('utf8');
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('encrypted secret store', () => {
  it('keeps secrets encrypted on disk and reads them back after a restart', () => {
    const store = openEncryptedSecretStore(dir, fakeEncryptor(), createMemoryLogger());
    expect(store.set('hubToken', 'tok-abc-123')).toEqual({ ok: true, value: { persisted: true } });
    store.set('sipPassword', '密码-secret');
    const onDisk = readFileSync(join(dir, SECRETS_FILE_NAME), 'utf8');
    expect(onDisk).not.toContain('tok-abc-123');
    expect(onDisk).not.toContain('密码');

    const reopened = openEncryptedSecretStore(dir, fakeEncryptor(), createMemoryLogger());
    expect(reopened.get('hubToken')).toBe('tok-abc-123');
    expect(reopened.get('sipPassword')).toBe('密码-secret');
    reopened.delete('hubToken');
    expect(openEncryptedSecretStore(dir, fakeEncryptor(), createMemoryLogger()).get('hubToken')).toBeNull();
  });

  it('writes nothing to disk when the OS has no encryption', () => {
    const store = openEncryptedSecretStore(dir, fakeEncryptor(false), createMemoryLogger());
    expect(store.persistent).toBe(false);
    expect(store.set('hubToken', 'tok')).toEqual({ ok: true, value: { persisted: false } });
    expect(store.get('hubToken')).toBe('tok');
    expect(openEncryptedSecretStore(dir, fakeEncryptor(), createMemoryLogger()).get('hubToken')).toBeNull();
  });

  it('drops a secret sealed with another key instead of failing', () => {
    openEncryptedSecretStore(dir, fakeEncryptor(true, 7), createMemoryLogger()).set('hubToken', 'tok');
    const log = createMemoryLogger();
    expect(openEncryptedSecretStore(dir, fakeEncryptor(true, 9), log).get('hubToken')).toBeNull();
    expect(log.entries.map((e) => e.message)).toContain('a stored secret could not be decrypted and was dropped');
  });

  it('has an in-memory twin for tests and the web host', () => {
    const store = createMemorySecretStore();
    store.set('sipPassword', 'x');
    expect(store.get('sipPassword')).toBe('x');
    store.delete('sipPassword');
    expect(store.get('sipPassword')).toBeNull();
  });
});
