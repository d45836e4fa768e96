import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { err, ok, type Result } from '../../shared/result';
import { writeAtomically } from './settings-store';

export const secretNames = ['hubToken', 'sipPassword'] as const;
export type SecretName = (typeof secretNames)[number];

/**
 * Where the hub token and SIP credentials live between runs. Host code asks for this interface;
 * the Electron shell backs it with the OS keychain (safeStorage), tests with memory.
 */
export interface SecretStore {
  /** False when the OS offers no real encryption: then nothing is written to disk. */
  readonly persistent: boolean;
  get(name: SecretName): string | null;
  set(name: SecretName, value: string): Result<{ persisted: boolean }>;
  delete(name: SecretName): void;
}

/** What the store needs from an encryption service; Electron's safeStorage has this shape. */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const secretsFileSchema = z.object({
  version: z.literal(1),
  secrets: z.partialRecord(z.enum(secretNames), z.base64().max(64_000)),
});

export const SECRETS_FILE_NAME = 'secrets.json';

/**
 * Secrets encrypted by the given encryptor, kept in `<dataDir>/secrets.json` as base64
 * ciphertext. When encryption is unavailable the secrets stay in memory for this run only:
 * a token in plain text on disk is worse than signing in again.
 */
export function openEncryptedSecretStore(dataDir: string, encryptor: Encryptor, log: Logger): SecretStore {
  const path = join(dataDir, SECRETS_FILE_NAME);
  const persistent = encryptor.isEncryptionAvailable();
  const cache = new Map<SecretName, string>();
  let stored: Partial<Record<SecretName, string>> = {};

  if (persistent && existsSync(path)) {
    try {
      stored = secretsFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).secrets;
    } catch {
      log.log('warn', 'secrets file unreadable; signing in again will replace it');
    }
  }
  if (!persistent) log.log('warn', 'no OS encryption available: secrets are kept for this run only');

  const save = (): void => writeAtomically(path, `${JSON.stringify({ version: 1, secrets: stored })}\n`);

  return {
    persistent,
    get(name) {
      const cached = cache.get(name);
      if (cached !== undefined) return cached;
      const sealed = stored[name];
      if (!sealed) return null;
      try {
        const value = encryptor.decryptString(Buffer.from(sealed, 'base64'));
        cache.set(name, value);
        return value;
      } catch {
        // Encrypted by another user or machine key: useless, so forget it.
        log.log('warn', 'a stored secret could not be decrypted and was dropped', { secret: name });
        delete stored[name];
        save();
        return null;
      }
    },
    set(name, value) {
      cache.set(name, value);
      if (!persistent) return ok({ persisted: false });
      try {
        stored[name] = encryptor.encryptString(value).toString('base64');
        save();
        return ok({ persisted: true });
      } catch (cause) {
        return err('unavailable', `the secret could not be encrypted: ${cause instanceof Error ? cause.message : 'unknown error'}`);
      }
    },
    delete(name) {
      cache.delete(name);
      if (stored[name] === undefined) return;
      delete stored[name];
      if (persistent) save();
    },
  };
}

/** Secrets for this process only: the web host and tests. */
export function createMemorySecretStore(): SecretStore {
  const values = new Map<SecretName, string>();
  return {
    persistent: false,
    get: (name) => values.get(name) ?? null,
    set(name, value) {
      values.set(name, value);
      return ok({ persisted: false });
    },
    delete: (name) => void values.delete(name),
  };
}
