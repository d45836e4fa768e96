import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HUB_PROTOCOL_VERSION, serverFrameSchema, type HubServerFrame } from '../../shared/protocol/hub-protocol';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

async function agentSocket(hub: TestHub, path = '/agent/ws') {
  const ws = new WebSocket(`${hub.url.replace('http', 'ws')}${path}`);
  const frames: HubServerFrame[] = [];
  ws.on('message', (d) => {
    const parsed = serverFrameSchema.safeParse(JSON.parse(String(d)));
    if (parsed.success) frames.push(parsed.data);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  await new Promise((r) => ws.once('open', r));
  return { ws, frames, closed, send: (frame: object) => ws.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, ...frame })) };
}

describe('the agent and supervisor sockets are bounded', () => {
  it('subscribes once however many hellos arrive at once', async () => {
    t = await startTestHub();
    const { token } = await t.login('alice');
    const a = await agentSocket(t);
    a.send({ type: 'hello', token, cursor: 0 });
    a.send({ type: 'hello', token, cursor: 0 });
    await eventually(() => a.frames.some((f) => f.type === 'welcome') && a.frames.some((f) => f.type === 'error'), 'welcome and a refusal');
    expect(a.frames.filter((f) => f.type === 'welcome')).toHaveLength(1);
    const visitor = await t.visitor('visitor-one-copy');
    await visitor.say('one copy please');
    await eventually(() => a.frames.some((f) => f.type === 'event'), 'a live event');
    await new Promise((r) => setTimeout(r, 200));
    const seqs = a.frames.flatMap((f) => (f.type === 'event' ? [f.event.seq] : []));
    expect(new Set(seqs).size).toBe(seqs.length);
    a.ws.close();
  });

  it('refuses commands beyond what a socket may have waiting, and answers each one', async () => {
    t = await startTestHub({ limits: { agentPendingCommands: 10 } });
    const { token } = await t.login('alice');
    const a = await agentSocket(t);
    a.send({ type: 'hello', token, cursor: 0 });
    await eventually(() => a.frames.some((f) => f.type === 'welcome'), 'welcome');
    for (let i = 0; i < 200; i++) a.send({ type: 'command', key: `flood-key-${i}`, command: { kind: 'agent.state', state: 'available', reason: null } });
    await eventually(() => a.frames.filter((f) => f.type === 'ack').length === 200, 'an ack for each', 10_000);
    const refused = a.frames.filter((f) => f.type === 'ack' && !f.result.ok && f.result.error.code === 'rate_limited');
    expect(refused.length).toBeGreaterThan(100);
    a.ws.close();
  });

  it('closes a supervisor socket that never signs in', async () => {
    t = await startTestHub({ limits: { helloTimeoutMs: 300 } });
    const s = await agentSocket(t, '/supervisor/ws');
    expect(await s.closed).toBe(4408);
    const a = await agentSocket(t);
    expect(await a.closed).toBe(4408);
  });
});
