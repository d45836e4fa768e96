import { sipApiSecret } from '../sip/sip-api-secret';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/test-hub';
import { sipUserOf } from './voice-calls';

const SIP = { secret: 'sip-shared-secret-0123456789', domain: 'switchboard.test', wsUrl: 'ws://127.0.0.1:5066' };
let t: TestHub;
afterEach(async () => {
  await t?.close();
});

const sipHeaders = { 'x-switchboard-sip-secret': sipApiSecret(SIP), 'content-type': 'application/json' };

describe('calls', () => {
  it('puts staff without a configured SIP name in the agent namespace, where Kamailio lets them mark supervision legs', () => {
    expect(sipUserOf({ username: 'carol' })).toBe('agent-carol');
    expect(sipUserOf({ username: 'carol', sipUser: null })).toBe('agent-carol');
    expect(sipUserOf({ username: 'carol', sipUser: 'desk-7' })).toBe('desk-7');
  });

  it('routes a call to an available voice agent, follows its events and starts after-call work', async () => {
    t = await startTestHub({ sip: SIP, afterCallWorkMs: 60_000 });
    const login = await t.login('alice');
    expect(login.sip?.uri).toBe('sip:agent-alice@switchboard.test');
    expect(login.sip?.authorizationUsername).toMatch(/^\d+:agent-alice$/);

    const busy = await fetch(`${t.url}/sip/route?queue=1000&caller=13800138000&callid=call-0`, { headers: sipHeaders }).then((r) => r.json());
    expect(busy).toEqual({ action: 'busy' });

    const alice = await t.agent('alice');
    const decision = await fetch(`${t.url}/sip/route?queue=1000&caller=13800138000&callid=call-1`, { headers: sipHeaders }).then((r) => r.json());
    expect(decision).toMatchObject({ action: 'agent', sipUser: 'agent-alice', conversationId: expect.stringMatching(/^conv_/) });
    const conversation = t.hub.store.conversationByCallId('call-1');
    // Kamailio hands the conversation id to the agent's phone with the call.
    expect(decision).toEqual({ action: 'agent', sipUser: 'agent-alice', conversationId: conversation?.id });
    // A caller id can be forged: the call gets a record of its own, and the known customer with that number is a suggestion.
    // The call is offered to alice like a chat, and the routing answer names its conversation.
    expect(conversation).toMatchObject({ id: decision.conversationId, channel: 'voice', status: 'offered' });
    expect(conversation?.customerId).not.toBe('cus_demo_zhang');
    expect(t.hub.store.openSuggestionsFor(conversation?.customerId ?? '').map((s) => s.candidateId)).toEqual(['cus_demo_zhang']);
    const offer = await alice.waitFor('offer', (f) => f.offer.conversationId === conversation?.id);
    expect(offer.offer.channel).toBe('voice');
    // A call is answered on the phone, not with the offer.
    expect(await alice.command({ kind: 'offer.accept', offerId: offer.offer.id })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    // Kamailio asking again for the same call gets the same agent.
    const again = await fetch(`${t.url}/sip/route?queue=1000&caller=13800138000&callid=call-1`, { headers: sipHeaders }).then((r) => r.json());
    expect(again).toEqual(decision);

    const second = await fetch(`${t.url}/sip/route?queue=1000&caller=%2B8613911112222&callid=call-2`, { headers: sipHeaders }).then((r) => r.json());
    expect(second).toEqual({ action: 'queue', conversationId: t.hub.store.conversationByCallId('call-2')?.id });
    expect(t.hub.store.claimsOn('phone', '+8613911112222')).toMatchObject([{ source: 'sender' }]);

    expect(conversation?.call).toEqual({
      sipCallId: 'call-1',
      direction: 'inbound',
      caller: '13800138000',
      answeredAt: null,
      endedAt: null,
      missed: false,
      quality: null,
      // No recording directory on this hub: its calls are not recorded.
      recordingPolicy: 'never',
    });

    const event = (body: object): Promise<Response> =>
      fetch(`${t.url}/sip/events`, { method: 'POST', headers: sipHeaders, body: JSON.stringify({ callId: 'call-1', caller: '13800138000', sipUser: 'agent-alice', ...body }) });
    expect((await event({ event: 'answered', at: 1 })).status).toBe(204);
    expect(t.hub.store.conversationByCallId('call-1')).toMatchObject({ status: 'active', assigneeId: 'agt_alice', call: { answeredAt: 1_000, endedAt: null } });
    await alice.waitFor('offer.revoked', (f) => f.offerId === offer.offer.id);
    expect((await event({ event: 'ended', at: 61 })).status).toBe(204);
    // Ended, answered: after-call work until alice gives a disposition.
    expect(t.hub.store.conversationByCallId('call-1')).toMatchObject({
      status: 'wrap_up',
      disposition: null,
      call: { answeredAt: 1_000, endedAt: 61_000, missed: false },
    });
    // Kamailio reports seconds; the record keeps milliseconds. The desktop hears of it through the conversation event.
    await alice.waitFor('event', (f) => f.event.kind === 'conversation.upserted' && f.event.conversation.call?.endedAt === 61_000);
    await alice.waitFor('agent', (f) => f.agent.state === 'after_call_work');
    expect(await alice.command({ kind: 'agent.state', state: 'available', reason: null })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const id = t.hub.store.conversationByCallId('call-1')?.id ?? '';
    expect(await alice.command({ kind: 'conversation.close', conversationId: id, disposition: 'resolved' })).toMatchObject({ ok: true });
    expect(t.hub.store.conversationByCallId('call-1')).toMatchObject({ status: 'closed', disposition: 'resolved', assigneeId: 'agt_alice' });
    expect(await alice.command({ kind: 'agent.state', state: 'available', reason: null })).toMatchObject({ ok: true });
  });

  it('marks a call that ended before anyone answered as missed', async () => {
    t = await startTestHub({ sip: SIP });
    const route = await fetch(`${t.url}/sip/route?queue=1000&caller=13900000001&callid=call-missed`, { headers: sipHeaders }).then((r) => r.json());
    // Nobody is signed in: the caller hears busy and hangs up.
    expect(route).toEqual({ action: 'busy' });
    const ended = await fetch(`${t.url}/sip/events`, {
      method: 'POST',
      headers: sipHeaders,
      body: JSON.stringify({ callId: 'call-missed', caller: '13900000001', event: 'ended', at: 5 }),
    });
    expect(ended.status).toBe(204);
    expect(t.hub.store.conversationByCallId('call-missed')).toMatchObject({
      status: 'closed',
      call: { sipCallId: 'call-missed', caller: '13900000001', answeredAt: null, endedAt: 5_000, missed: true },
    });
  });

  it('acts on a known Call-ID only for its own caller, and takes its answer only from the agent it rings (#17 C16)', async () => {
    t = await startTestHub({ sip: SIP });
    await t.agent('alice');
    const route = (callid: string, caller: string, origin = 'web') =>
      fetch(`${t.url}/sip/route?queue=1000&caller=${encodeURIComponent(caller)}&callid=${callid}&origin=${origin}`, { headers: sipHeaders }).then((r) => r.json());
    const event = (body: object) => fetch(`${t.url}/sip/events`, { method: 'POST', headers: sipHeaders, body: JSON.stringify({ callId: 'call-c16', at: 1, ...body }) });
    expect(await route('call-c16', '13800138000')).toMatchObject({ action: 'agent', sipUser: 'agent-alice' });
    const before = t.hub.store.conversationByCallId('call-c16');
    expect(before).toMatchObject({ status: 'offered' });

    // Someone else naming the same Call-ID: no agent is named to them, and nothing about the call changes.
    expect(await route('call-c16', '13999999999')).toEqual({ action: 'busy' });
    expect((await event({ caller: '13999999999', sipUser: 'agent-alice', event: 'answered' })).status).toBe(204);
    expect((await event({ caller: '13999999999', event: 'ended' })).status).toBe(204);
    // The right caller, but answered by an agent the call never rang.
    expect((await event({ caller: '13800138000', sipUser: 'agent-bob', event: 'answered' })).status).toBe(204);
    expect(t.hub.store.conversationByCallId('call-c16')).toEqual(before);

    // The call's own events still count.
    expect((await event({ caller: '13800138000', sipUser: 'agent-alice', event: 'answered', at: 2 })).status).toBe(204);
    expect(t.hub.store.conversationByCallId('call-c16')).toMatchObject({ status: 'active', assigneeId: 'agt_alice' });
    expect((await event({ caller: '13800138000', sipUser: 'agent-alice', event: 'ended', at: 9 })).status).toBe(204);
    expect(t.hub.store.conversationByCallId('call-c16')).toMatchObject({ status: 'wrap_up' });

    // A trunk caller is stored in E.164 and reported by Kamailio as dialled: both forms are the same caller.
    await route('call-c16-trunk', '13800138000', 'trunk');
    const trunkCall = t.hub.store.conversationByCallId('call-c16-trunk');
    expect(trunkCall?.call?.caller).toBe('+8613800138000');
    expect((await event({ callId: 'call-c16-trunk', caller: '13700000000', event: 'ended' })).status).toBe(204);
    expect(t.hub.store.conversationByCallId('call-c16-trunk')?.status).toBe(trunkCall?.status);
    expect((await event({ callId: 'call-c16-trunk', caller: '13800138000', event: 'ended' })).status).toBe(204);
    expect(t.hub.store.conversationByCallId('call-c16-trunk')?.status).toBe('closed');

    // An agent's outbound call: another agent asking about its Call-ID is refused.
    const dial = (caller: string) =>
      fetch(`${t.url}/sip/route?queue=13800138111&caller=${caller}&callid=call-c16-out&origin=staff`, { headers: sipHeaders }).then((r) => r.json());
    expect(await dial('agent-alice')).toMatchObject({ action: 'external' });
    expect(await dial('agent-bob')).toEqual({ action: 'busy' });
    expect(await dial('agent-alice')).toMatchObject({ action: 'external' });
  });

  it('refuses calls without the SIP secret', async () => {
    t = await startTestHub({ sip: SIP });
    expect((await fetch(`${t.url}/sip/route?queue=1000&caller=1&callid=x`)).status).toBe(401);
  });
});

describe('the hub process', () => {
  it('starts from the command line and announces where it listens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--port', '0', '--data-dir', dataDir, '--demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const ready = await new Promise<{ event: string; url: string }>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
        createInterface({ input: child.stdout }).on('line', (line) => resolve(JSON.parse(line) as { event: string; url: string }));
      });
      expect(ready.event).toBe('listening');
      const login = await fetch(`${ready.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bob', password: 'switchboard' }) });
      expect(login.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
