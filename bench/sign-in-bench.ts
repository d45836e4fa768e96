import { createMemoryLogger } from '../src/shared/log';
import { createPasswordHasher } from '../src/hub/auth/passwords';
import { createSignIn } from '../src/hub/auth/sign-in';
import type { AgentRecord } from '../src/hub/store/hub-store';
import type { BenchRow } from './run';

export const benchNotes =
  'A sign-in for a known name with a wrong password beside one for an unknown name (both refused), median of 40 each through the hub’s sign-in check with argon2id at OWASP’s minimum (19 MiB, t=2): the ratio near 1 is what keeps names from being learned by timing. Each from its own address, so the back-off never answers early.';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function runSignInBench(): Promise<BenchRow[]> {
  const hasher = createPasswordHasher();
  const agent = { id: 'agt_bench', username: 'bench', passwordHash: await hasher.hash('the right password') } as AgentRecord;
  const signIn = createSignIn({ agentByUsername: (name) => (name === 'bench' ? agent : null), setAgentPassword: () => undefined }, hasher, createMemoryLogger());
  const time = async (username: string, i: number): Promise<number> => {
    const started = performance.now();
    await signIn.check(username, 'a wrong password', `198.51.100.${i}`);
    return performance.now() - started;
  };
  await time('warm-up', 250);
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 40; i++) {
    known.push(await time('bench', i));
    unknown.push(await time(`nobody-${i}`, 100 + i));
  }
  const k = median(known);
  const u = median(unknown);
  return [
    { name: 'refused sign-in, known name (median)', value: k, unit: 'ms' },
    { name: 'refused sign-in, unknown name (median)', value: u, unit: 'ms', baseline: `${(u / k).toFixed(2)}× the known name` },
  ];
}
