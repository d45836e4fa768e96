import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub/test-hub';
import { startHostServices, type HostServices } from '../../src/host/host-services';
import { attachmentsContract } from '../../src/shared/contracts/attachments-contract';
import { draftsContract } from '../../src/shared/contracts/drafts-contract';
import { knowledgeContract } from '../../src/shared/contracts/knowledge-contract';
import { sessionContract } from '../../src/shared/contracts/session-contract';
import { supervisorContract } from '../../src/shared/contracts/supervisor-contract';
import { workspaceContract } from '../../src/shared/contracts/workspace-contract';
import { createMemoryLogger } from '../../src/shared/log';
import { createPortPair, type RpcPort } from '../../src/shared/rpc/port';
import { createRpcClient } from '../../src/shared/rpc/rpc-client';
import { createRpcServer } from '../../src/shared/rpc/rpc-server';
import { fuzzParams, heapMiB, hostileJson, hostileString, reportCases, tick } from './fuzz-kit';

let t: TestHub;
let services: HostServices;
let port: RpcPort;
const replies = new Map<number, { ok: boolean; error?: { code: string; message: string } }>();
beforeAll(async () => {
  t = await startTestHub();
  const server = createRpcServer(createMemoryLogger());
  services = startHostServices({ hubUrl: t.url, dataDir: mkdtempSync(join(tmpdir(), 'fuzz-rpc-')) }, server, createMemoryLogger());
  const [a, b] = createPortPair();
  server.attach(a);
  port = b;
  port.onMessage((raw) => {
    const frame = JSON.parse(raw) as { t: string; id?: number | null; r?: { ok: boolean; error?: { code: string; message: string } } };
    if (frame.t === 'res' && typeof frame.id === 'number' && frame.r) replies.set(frame.id, frame.r);
  });
  // Signed in, so the methods behind the session reach their real work.
  const session = createRpcClient(port).proxy(sessionContract);
  expect((await session.login({ username: 'alice', password: 'switchboard' })).ok).toBe(true);
});
afterAll(async () => {
  reportCases();
  services?.stop();
  await t?.close();
});

const contracts = [sessionContract, workspaceContract, draftsContract, attachmentsContract, supervisorContract, knowledgeContract];
/** Every method the desktop's services answer, except signing out (it would end the session the rest is fuzzed in). */
const methods = contracts.flatMap((c) => Object.keys(c.methods).map((m) => ({ c: c.name, m }))).filter((x) => !(x.c === 'session' && x.m === 'logout'));
const fieldNames = ['conversationId', 'customerId', 'offerId', 'messageId', 'text', 'internal', 'state', 'reason', 'query', 'limit', 'cursor', 'before', 'name', 'data', 'key', 'mode', 'username', 'password', 'pinned', 'attachments', 'message', 'canned', 'article', 'id', 'version', 'locale'];
const args: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(hostileString.map((s): unknown => s), fc.integer(), fc.boolean(), hostileJson), { maxKeys: 5 }),
  hostileJson,
);

let nextId = 1;
async function request(frame: string, id: number | null): Promise<{ ok: boolean; error?: { code: string; message: string } } | null> {
  port.send(frame);
  if (id === null) return null;
  for (let i = 0; i < 400 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 25));
  return replies.get(id) ?? null;
}

describe('fuzz: the desktop RPC', () => {
  it('every method answers generated, mutated and oversized arguments with a result or a clear error, never an internal one', async () => {
    const before = heapMiB();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ target: fc.constantFrom(...methods), a: args }).map(({ target, a }) => ({ kind: 'req' as const, target, a })),
          fc.oneof(hostileString, hostileJson.map((j) => JSON.stringify(j) ?? 'null')).map((raw) => ({ kind: 'raw' as const, raw })),
        ),
        async (c) => {
          if (c.kind === 'raw') {
            await request(c.raw, null);
            tick('rpc raw frames');
            return;
          }
          const id = nextId++;
          const reply = await request(JSON.stringify({ t: 'req', id, c: c.target.c, m: c.target.m, a: c.a }), id);
          tick(`rpc ${c.target.c}.${c.target.m}`);
          tick('rpc (all methods)');
          expect(reply, `${c.target.c}.${c.target.m} never answered`).not.toBeNull();
          expect(reply?.error?.code, `${c.target.c}.${c.target.m}: ${reply?.error?.message ?? ''}`).not.toBe('internal');
        },
      ),
      fuzzParams(4),
    );
    const status = await createRpcClient(port).proxy(sessionContract).status({});
    expect(status.ok).toBe(true);
    expect(heapMiB() - before).toBeLessThan(64);
  });
});
