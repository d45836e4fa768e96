import { hash as argon2Hash, verify as argon2Verify, type Algorithm } from '@node-rs/argon2';
import { scrypt, timingSafeEqual } from 'node:crypto';

/**
 * argon2id at OWASP's current minimum (19 MiB, 2 passes, 1 lane): about as costly as the scrypt parameters OWASP
 * asks for, at a sixth of scrypt's memory. Stored in the PHC string format, so the cost can rise later.
 */
/** The package declares its algorithms as a const enum, which isolated modules cannot read: 2 is its Argon2id. */
const ARGON2ID: Algorithm.Argon2id = 2;
const ARGON2 = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;

export interface PasswordCheck {
  valid: boolean;
  /** The stored hash is of an older kind or cost: store a fresh one now that the password is known. */
  needsRehash: boolean;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<PasswordCheck>;
}

/** Hashes from before argon2id: `scrypt$N$salt$hash`. Still accepted, and replaced at the next sign-in. */
function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const [, cost, saltB64, hashB64] = stored.split('$');
  const N = Number(cost);
  if (!saltB64 || !hashB64 || !Number.isInteger(N) || N < 2 || N > 2 ** 20) return Promise.resolve(false);
  const expected = Buffer.from(hashB64, 'base64');
  return new Promise((resolve) => {
    scrypt(password, Buffer.from(saltB64, 'base64'), expected.length || 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 }, (error, key) =>
      resolve(!error && key.length === expected.length && timingSafeEqual(key, expected)),
    );
  });
}

export function createPasswordHasher(): PasswordHasher {
  return {
    hash: (password) => argon2Hash(password, ARGON2),
    async verify(password, stored) {
      if (stored.startsWith('$argon2id$')) {
        const valid = await argon2Verify(stored, password).catch(() => false);
        return { valid, needsRehash: valid && !stored.startsWith(CURRENT_PREFIX) };
      }
      if (stored.startsWith('scrypt$')) {
        const valid = await verifyLegacyScrypt(password, stored);
        return { valid, needsRehash: valid };
      }
      return { valid: false, needsRehash: false };
    },
  };
}

const shared = createPasswordHasher();
export const hashPassword = (password: string): Promise<string> => shared.hash(password);
