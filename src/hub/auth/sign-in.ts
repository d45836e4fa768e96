import { memoryCounters, type RateCounters } from '../cluster/rate-counters';
import type { Logger } from '../../shared/log';
import { err, ok, type Result } from '../../shared/result';
import type { AgentRecord, HubStore } from '../store/hub-store';
import type { PasswordHasher } from './passwords';

/** Wrong passwords for one user from one address before that pair must wait. */
const FAILS_PER_USER_AND_ADDRESS = 5;
const USER_AND_ADDRESS_WINDOW_S = 15 * 60;
/** Wrong sign-ins from one address, whatever the name, before that address must wait. */
const FAILS_PER_ADDRESS = 20;
const ADDRESS_WINDOW_S = 60 * 60;
/** Password checks running at once: each costs 19 MiB and tens of milliseconds, so a flood waits its turn outside. */
const CHECKS_AT_ONCE = 16;

export type SignInOutcome = Result<AgentRecord> & { retryAfterMs?: number };

/**
 * Checks a sign-in. Wrong passwords back off per user and address and per address (the user can still sign in from
 * elsewhere, so a guesser cannot lock them out); an unknown name is checked against a dummy hash, so it answers
 * no faster than a known one; an old hash is replaced by a current one once the password is known.
 */
export function createSignIn(store: Pick<HubStore, 'agentByUsername' | 'setAgentPassword'>, hasher: PasswordHasher, log: Logger, counters: RateCounters = memoryCounters) {
  // Shared by a cluster's instances (rate-counters.ts): a guesser gains nothing by spreading tries over them.
  const byUserAndAddress = counters.limiter('sign-in-user', FAILS_PER_USER_AND_ADDRESS, USER_AND_ADDRESS_WINDOW_S);
  const byAddress = counters.limiter('sign-in-address', FAILS_PER_ADDRESS, ADDRESS_WINDOW_S);
  const dummy = hasher.hash('a password nobody has: unknown names are checked against it');
  let running = 0;

  /** Milliseconds until this pair or address may try again; 0 when it may now. */
  async function waitFor(userKey: string, address: string): Promise<number> {
    const [user, from] = await Promise.all([byUserAndAddress.get(userKey), byAddress.get(address)]);
    const over = (res: { consumedPoints: number; msBeforeNext: number } | null, limit: number): number =>
      res && res.consumedPoints >= limit ? Math.max(1, res.msBeforeNext) : 0;
    return Math.max(over(user, FAILS_PER_USER_AND_ADDRESS), over(from, FAILS_PER_ADDRESS));
  }

  return {
    async check(username: string, password: string, address: string): Promise<SignInOutcome> {
      const userKey = `${username.toLowerCase()}|${address}`;
      const wait = await waitFor(userKey, address);
      if (wait > 0) return { ...err('rate_limited', 'too many wrong sign-ins: wait a while and try again'), retryAfterMs: wait };
      if (running >= CHECKS_AT_ONCE) return { ...err('rate_limited', 'the hub is busy signing people in: try again in a moment'), retryAfterMs: 1_000 };
      running++;
      try {
        const agent = store.agentByUsername(username);
        const check = await hasher.verify(password, agent && !agent.disabledAt ? agent.passwordHash : await dummy);
        if (!agent || agent.disabledAt || !check.valid) {
          await Promise.all([byUserAndAddress.penalty(userKey), byAddress.penalty(address)]);
          return err('unauthenticated', 'wrong username or password');
        }
        await byUserAndAddress.delete(userKey);
        if (check.needsRehash) {
          store.setAgentPassword(agent.id, await hasher.hash(password));
          log.log('info', 'password hash upgraded', { agent: agent.id });
        }
        return ok(agent);
      } finally {
        running--;
      }
    },
  };
}
export type SignIn = ReturnType<typeof createSignIn>;
