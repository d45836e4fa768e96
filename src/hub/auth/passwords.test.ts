import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { createPasswordHasher, type PasswordHasher } from './passwords';
import { createSignIn } from './sign-in';

describe('password hashing', () => {
  it('uses argon2id at OWASP’s minimum, verifies old scrypt hashes and says they need rehashing', async () => {
    const hasher = createPasswordHasher();
    const hash = await hasher.hash('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify('correct horse', hash)).toEqual({ valid: true, needsRehash: false });
    expect(await hasher.verify('wrong horse', hash)).toEqual({ valid: false, needsRehash: false });
    const legacy = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(32).toString('base64');
    expect((await hasher.verify('x', legacy)).valid).toBe(false);
    expect(await hasher.verify('x', 'garbage')).toEqual({ valid: false, needsRehash: false });
  });

  it('checks an unknown user name against a hash too, so its answer takes as long as a known one’s', async () => {
    const real = createPasswordHasher();
    const verified: string[] = [];
    const counting: PasswordHasher = {
      hash: (p) => real.hash(p),
      verify: (p, stored) => {
        verified.push(stored.slice(0, 10));
        return real.verify(p, stored);
      },
    };
    const signIn = createSignIn({ agentByUsername: () => null, setAgentPassword: () => undefined }, counting, createMemoryLogger());
    const result = await signIn.check('nobody', 'guess', '192.0.2.1');
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(verified).toEqual(['$argon2id$']);
  });
});
