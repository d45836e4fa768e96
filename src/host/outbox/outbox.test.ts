import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../settings/secret-store';
import { defaultAnswer, sampleEvents, startFakeHub, type FakeHub } from '../harness/fake-hub';
import { sessionRig, until } from '../harness/session-rig';
import { DEFAULT_MAX_INTERNAL_REFUSALS } from './outbox-sender';

let hub: FakeHub | null = null;
const rigs: Array<ReturnType<typeof sessionRig>> = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.session.stop()));
  await hub?.close();
  hub = null;
});

const history = [sampleEvents.customer(1), sampleEvents.conversation(2)];
const commands = (h: FakeHub) => h.received.filter((f) => f.type === 'command');
const texts = (h: FakeHub) => commands(h).map((f) => (f.command as { text?: string; kind: string }).text ?? (f.command as { kind: string }).kind);

/** A hub that answers each command with `answer(n, frame)`: n counts commands seen so far. */
async function scriptedHub(answer: (n: number, frame: Record<string, unknown>) => { ok: boolean; code?: string } | 'drop') {
  const h = await startFakeHub();
  let n = 0;
  h.onFrame = (frame, socket) => {
    if (frame.type === 'hello') return h.send(socket, { type: 'welcome', agent: { ...sampleAgent }, headSeq: 2 });
    if (frame.type === 'sync') return h.send(socket, { type: 'events', events: history, through: 2, headSeq: 2, more: false });
    if (frame.type === 'command') {
      const a = answer(++n, frame);
      if (a === 'drop') return;
      const result = a.ok ? { ok: true, value: {} } : { ok: false, error: { code: a.code, message: 'no' } };
      return h.send(socket, { type: 'ack', key: frame.key, result });
    }
    defaultAnswer(h, frame, socket, 2);
  };
  return h;
}
const sampleAgent = { id: 'agt_test', username: 'tester', displayName: 'T', role: 'supervisor', skills: [], queues: ['chat'], capacity: 3, state: 'available', stateReason: null };

async function signedIn(h: FakeHub, dataDir?: string, secrets = createMemorySecretStore()) {
  const r = sessionRig(h.url, dataDir, secrets);
  rigs.push(r);
  await r.session.login('tester', 'pw');
  await until(async () => r.session.connection.status === 'online' && (await r.cursor()) === 2, 5_000, 'online');
  return r;
}

describe('the outbox', () => {
  it('sends every kind of action in the order it was taken', async () => {
    hub = await scriptedHub(() => ({ ok: true }));
    const r = await signedIn(hub);
    await r.session.sendMessage('conv_1', 'reply one', false);
    await r.session.enqueue({ kind: 'agent.state', state: 'away', reason: 'lunch' });
    await r.session.sendMessage('conv_1', 'a note', true);
    await r.session.sendMessage('conv_1', 'reply two', false);
    await until(() => r.session.connection.pendingActions === 0 && commands(hub!).length === 4, 5_000, 'drain');
    expect(texts(hub)).toEqual(['reply one', 'agent.state', 'a note', 'reply two']);
    expect(new Set(commands(hub).map((f) => f.key)).size).toBe(4);
    const delivered = r.messages.filter((m) => m.delivery === 'sent').map((m) => m.text);
    expect(delivered).toEqual(['reply one', 'a note', 'reply two']);
  });

  it('retries a lost ack with the same key after a jittered backoff, keeping the order', async () => {
    hub = await scriptedHub((n) => (n === 1 ? { ok: false, code: 'unavailable' } : n === 2 ? 'drop' : { ok: true }));
    const r = await signedIn(hub);
    await r.session.sendMessage('conv_1', 'first', false);
    await r.session.sendMessage('conv_1', 'second', false);
    // Attempt 1 refused as unavailable, attempt 2 never acknowledged (times out at 15 s) — too slow here,
    // so the link is dropped, which fails the pending command at once.
    await until(() => commands(hub!).length >= 2, 5_000, 'second attempt');
    for (const s of hub.sockets) s.terminate();
    await until(() => r.session.connection.pendingActions === 0, 15_000, 'drain');
    const sent = commands(hub);
    expect(sent.map((f) => (f.command as { text: string }).text)).toEqual(['first', 'first', 'first', 'second']);
    expect(new Set(sent.slice(0, 3).map((f) => f.key)).size).toBe(1);
    expect(r.log.entries.some((e) => e.message === 'outbox: will retry')).toBe(true);
  });

  it('marks a refused reply failed, moves on, and sends it again on retry under its key', async () => {
    let refuse = true;
    hub = await scriptedHub((_n, frame) => (refuse && (frame.command as { text: string }).text === 'closed one' ? { ok: false, code: 'conflict' } : { ok: true }));
    const r = await signedIn(hub);
    const failed = await r.session.sendMessage('conv_1', 'closed one', false);
    await r.session.sendMessage('conv_1', 'next one', false);
    await until(() => r.messages.some((m) => m.text === 'closed one' && m.delivery === 'failed'), 5_000, 'failed');
    await until(() => r.messages.some((m) => m.text === 'next one' && m.delivery === 'sent'), 5_000, 'next');
    refuse = false;
    if (!failed.ok) throw new Error('not queued');
    const retried = await r.session.retryMessage(failed.value.key!);
    expect(retried.ok && retried.value.delivery).toBe('pending');
    await until(() => r.messages.filter((m) => m.text === 'closed one').at(-1)?.delivery === 'sent', 5_000, 'retried');
    const keys = commands(hub).filter((f) => (f.command as { text: string }).text === 'closed one').map((f) => f.key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('gives up on an action the hub keeps failing on (internal) after a bounded number of attempts, and moves on', async () => {
    hub = await scriptedHub((_n, frame) => ((frame.command as { text?: string }).text === 'poison' ? { ok: false, code: 'internal' } : { ok: true }));
    const r = await signedIn(hub);
    await r.session.sendMessage('conv_1', 'poison', false);
    await r.session.sendMessage('conv_1', 'after it', false);
    await until(() => r.messages.some((m) => m.text === 'poison' && m.delivery === 'failed'), 20_000, 'poison marked failed');
    await until(() => r.messages.some((m) => m.text === 'after it' && m.delivery === 'sent'), 5_000, 'the queue moved on');
    const attempts = commands(hub).filter((f) => (f.command as { text: string }).text === 'poison');
    expect(attempts).toHaveLength(DEFAULT_MAX_INTERNAL_REFUSALS);
    expect(new Set(attempts.map((f) => f.key)).size).toBe(1);
    await until(() => r.session.connection.pendingActions === 0, 5_000, 'nothing pending');
    expect(r.log.entries.some((e) => e.message === 'outbox: the hub keeps failing on an action; giving up on it')).toBe(true);
    // Like any failed reply, it can be sent again by hand.
    const failed = r.messages.find((m) => m.text === 'poison' && m.delivery === 'failed')!;
    expect(await r.session.retryMessage(failed.key!)).toMatchObject({ ok: true, value: { delivery: 'pending' } });
  }, 30_000);

  it('survives a restart: what was queued while offline is sent by the next run', async () => {
    hub = await scriptedHub(() => ({ ok: true }));
    const secrets = createMemorySecretStore();
    const first = await signedIn(hub, undefined, secrets);
    const port = hub.port;
    await hub.close();
    await until(() => first.session.connection.status === 'offline', 10_000, 'offline');
    await first.session.sendMessage('conv_1', 'written offline', false);
    await first.session.stop();

    hub = await scriptedHub(() => ({ ok: true }));
    expect(hub.port).not.toBe(port);
    const second = sessionRig(hub.url, first.dataDir, secrets);
    rigs.push(second);
    await second.session.resume();
    await until(() => commands(hub!).length === 1 && second.session.connection.pendingActions === 0, 10_000, 'sent after restart');
    expect(texts(hub)).toEqual(['written offline']);
  });
});
