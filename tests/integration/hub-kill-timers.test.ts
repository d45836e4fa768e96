import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postSigned, TEST_CHANNEL_SECRETS } from '../harness/hub/channel-requests';
import { connectAgent, type AgentSocket } from './support/agent-socket';
import { freePort, startHubProcess, type HubProcess } from './support/hub-process';

const OFFER_MS = 12_000;
const AFTER_CALL_WORK_MS = 12_000;

let hub: HubProcess | null = null;
const agents: AgentSocket[] = [];
let dataDir: string | null = null;
afterAll(async () => {
  agents.forEach((a) => a.close());
  await hub?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads the hub's database beside the running hub, as an operator would. */
function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('kill -9 of the hub with timers pending', () => {
  it('after a restart, after-call work ends and the open offer lapses on time, each once', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hub-kill-timers-'));
    const file = join(dataDir, 'hub.sqlite');
    const port = await freePort();
    const args = ['--offer-timeout-ms', String(OFFER_MS), '--after-call-work-ms', String(AFTER_CALL_WORK_MS)];
    const env = { WEBHOOK_SECRET_GENERIC: TEST_CHANNEL_SECRETS.webhookSecrets.generic };
    hub = await startHubProcess(dataDir, port, args, env);
    const customerWrites = async (id: string): Promise<string> => {
      const response = await postSigned(`${hub!.url}/channels/webhook/generic`, JSON.stringify({ messageId: id, userId: `user-${id}`, text: `question ${id}` }));
      expect(response.status).toBe(202);
      return ((await response.json()) as { conversationId: string }).conversationId;
    };

    // Bob handles a chat to its end: after-call work starts.
    const bob = await connectAgent(hub.url, 'bob');
    agents.push(bob);
    expect(await bob.command({ kind: 'agent.state', state: 'available' })).toMatchObject({ ok: true });
    const first = await customerWrites('kill-1');
    const offer = await bob.waitFor('offer', (f) => f.offer.conversationId === first);
    expect(await bob.command({ kind: 'offer.accept', offerId: offer.offer.id })).toMatchObject({ ok: true });
    expect(await bob.command({ kind: 'conversation.close', conversationId: first, disposition: 'resolved' })).toMatchObject({ ok: true });
    const acw = await bob.waitFor('agent', (f) => f.agent.state === 'after_call_work');
    const acwUntil = acw.agent.stateUntil ?? 0;
    expect(acwUntil).toBeGreaterThan(Date.now());

    // Alice is offered the next chat and lets it ring.
    const alice = await connectAgent(hub.url, 'alice');
    agents.push(alice);
    expect(await alice.command({ kind: 'agent.state', state: 'available' })).toMatchObject({ ok: true });
    const second = await customerWrites('kill-2');
    const open = await alice.waitFor('offer', (f) => f.offer.conversationId === second);
    const expiresAt = open.offer.expiresAt;

    // Both timers pending: the hub dies without a shutdown.
    await hub.kill9();
    agents.splice(0).forEach((a) => a.close());
    expect(inspect(file, (db) => db.prepare('SELECT kind FROM jobs WHERE kind IN (?, ?) ORDER BY kind').all('acw.end', 'offer.expire'))).toEqual([
      { kind: 'acw.end' },
      { kind: 'offer.expire' },
    ]);

    hub = await startHubProcess(dataDir, port, args, env);
    const offerRow = (): { released_at: number | null; outcome: string | null } | undefined =>
      inspect(file, (db) => db.prepare('SELECT released_at, outcome FROM assignments WHERE id = ?').get(open.offer.id) as { released_at: number | null; outcome: string | null } | undefined);
    const lapsed = await until(() => (offerRow()?.released_at ? offerRow() : null), 'the open offer to lapse', 40_000);
    expect(lapsed.outcome).toBe('expired');
    // On time: not before its deadline (and not left hanging after it).
    expect(lapsed.released_at).toBeGreaterThanOrEqual(expiresAt);

    const bobNow = await until(() => {
      const row = inspect(file, (db) => db.prepare("SELECT state, state_since FROM agents WHERE id = 'agt_bob'").get() as { state: string; state_since: number });
      return row.state !== 'after_call_work' ? row : null;
    }, "bob's after-call work to end", 40_000);
    expect(bobNow.state).toBe('offline');
    expect(bobNow.state_since).toBeGreaterThanOrEqual(acwUntil);

    // Once: the chat went back to the queue once when it lapsed (besides its arrival), and the timers are gone.
    await new Promise((r) => setTimeout(r, 1_000));
    const requeued = inspect(file, (db) =>
      db
        .prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'conversation.upserted' AND json_extract(payload, '$.conversation.id') = ? AND json_extract(payload, '$.conversation.status') = 'queued'")
        .get(second),
    ) as { n: number };
    expect(requeued.n).toBe(2);
    const expired = inspect(file, (db) => db.prepare("SELECT COUNT(*) AS n FROM assignments WHERE conversation_id = ? AND outcome = 'expired'").get(second)) as { n: number };
    expect(expired.n).toBe(1);
    expect(inspect(file, (db) => db.prepare("SELECT key FROM jobs WHERE key NOT LIKE 'every:%'").all())).toEqual([]);
  }, 120_000);
});
