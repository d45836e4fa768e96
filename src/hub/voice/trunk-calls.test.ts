import { sipApiSecret } from '../sip/sip-api-secret';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationSchema } from '../../shared/domain/conversation';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

const SIP = {
  secret: 'sip-shared-secret-0123456789',
  domain: 'switchboard.test',
  wsUrl: 'ws://127.0.0.1:5066',
  defaultCountry: 'CN',
  dids: '+862150001234=voice,4008001234=vip',
};
const headers = { 'x-switchboard-sip-secret': sipApiSecret(SIP) };
let t: TestHub;
afterEach(async () => {
  await t?.close();
});

const route = (query: string): Promise<Record<string, unknown>> => fetch(`${t.url}/sip/route?${query}`, { headers }).then((r) => r.json() as Promise<Record<string, unknown>>);

describe('calls through the carrier trunk', () => {
  it('reaches the queue of the dialled DID however the carrier spells it, and files the caller under E.164', async () => {
    t = await startTestHub({ sip: SIP });
    await t.agent('alice');
    const decision = await route('queue=02150001234&caller=013800138000&callid=trunk-1&origin=trunk');
    const conversation = t.hub.store.conversationByCallId('trunk-1');
    expect(decision).toEqual({ action: 'agent', sipUser: 'agent-alice', conversationId: conversation?.id });
    // 013800138000 is the demo customer's +8613800138000: a caller ID proves nothing, so he is a suggestion.
    expect(conversation).toMatchObject({ queue: 'voice', unverified: true, call: { caller: '+8613800138000', direction: 'inbound' } });
    expect(t.hub.store.openSuggestionsFor(conversation?.customerId ?? '').map((s) => s.candidateId)).toEqual(['cus_demo_zhang']);

    await route('queue=864008001234&caller=95588&callid=trunk-2&origin=trunk');
    expect(t.hub.store.conversationByCallId('trunk-2')).toMatchObject({ queue: 'vip', call: { caller: '+8695588' } });
  });

  it('tells the agent offered the call who the number belongs to, VIP and last contact, without opening that customer\'s record', async () => {
    t = await startTestHub({ sip: SIP });
    // 张伟 (VIP) wrote to a queue alice does not serve, and bob handled it: alice may not read his record.
    t.hub.store.insertConversation(
      conversationSchema.parse({
        id: 'conv_zhang_invoice', customerId: 'cus_demo_zhang', channel: 'email', status: 'closed', queue: 'billing', assigneeId: 'agt_bob', priority: 0, tags: [],
        createdAt: Date.UTC(2026, 0, 5), updatedAt: Date.UTC(2026, 0, 5), lastMessageAt: null, preview: '', summary: 'Asked for a VAT invoice for order 202601120042',
      }),
    );
    await t.agent('alice');
    await route('queue=02150001234&caller=013800138000&callid=trunk-pop&origin=trunk');
    const conversation = t.hub.store.conversationByCallId('trunk-pop');
    const { token } = await t.login('alice');
    const get = (id: string): Promise<Response> => fetch(`${t.url}/api/customers/${id}/360`, { headers: { authorization: `Bearer ${token}` } });
    // The known customer's record is not alice's to read (no conversation of his is hers)…
    expect((await get('cus_demo_zhang')).status).toBe(404);
    // …but the caller's own 360 names him as the likely match: his name, VIP tag and last contact.
    const view = (await (await get(conversation?.customerId ?? '')).json()) as { mergeCandidates: Array<Record<string, unknown>> };
    expect(view.mergeCandidates).toEqual([
      { customerId: 'cus_demo_zhang', name: '张伟', vip: true, lastContact: { startedAt: Date.UTC(2026, 0, 5), summary: 'Asked for a VAT invoice for order 202601120042' } },
    ]);
  });

  it('moves a transferred call\'s conversation to the colleague the phone calls, and ends it with the new call, not the old one', async () => {
    t = await startTestHub({ sip: SIP });
    await t.agent('alice');
    await route('queue=02150001234&caller=013800138000&callid=trunk-x&origin=trunk');
    const post = (callId: string, event: string): Promise<Response> =>
      fetch(`${t.url}/sip/events`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ callId, event, caller: '013800138000', sipUser: 'agent-alice', at: 2 }) });
    await post('trunk-x', 'answered');
    const id = t.hub.store.conversationByCallId('trunk-x')?.id;
    expect(t.hub.store.conversation(id ?? '')).toMatchObject({ status: 'active', assigneeId: 'agt_alice' });
    const transfer = (query: string, withSecret = true): Promise<Response> => fetch(`${t.url}/sip/transfer?${query}`, { headers: withSecret ? headers : {} });

    // Kamailio reports the REFER (the phone will call the one-time name xfer.…) before alice's phone hangs up.
    expect((await transfer('callid=trunk-x&newcallid=xfer.0123abcd&sipuser=agent-bob&referrer=agent-alice', false)).status).toBe(401);
    expect(await (await transfer('callid=trunk-x&newcallid=xfer.0123abcd&sipuser=agent-bob&referrer=agent-alice')).json()).toEqual({ conversationId: id });
    expect(t.hub.store.conversation(id ?? '')).toMatchObject({ status: 'active', assigneeId: 'agt_bob', call: { sipCallId: 'xfer.0123abcd' } });
    // alice's leg ends: the conversation goes on.
    await post('trunk-x', 'ended');
    expect(t.hub.store.conversation(id ?? '')).toMatchObject({ status: 'active', assigneeId: 'agt_bob' });
    // The phone's new call reaches Kamailio: the same conversation, keyed by that call now (asking twice changes nothing).
    for (let i = 0; i < 2; i++) expect(await (await transfer('callid=xfer.0123abcd&newcallid=leg-2&sipuser=agent-bob&referrer=agent-alice')).json()).toEqual({ conversationId: id });
    expect(t.hub.store.conversationByCallId('leg-2')?.id).toBe(id);
    expect(t.hub.store.lastMessages(id ?? '', 10).filter((m) => m.text === 'Call transferred to Bob Li')).toHaveLength(1);
    // A call nobody knows, or a malformed ask: nothing moves.
    expect(await (await transfer('callid=nope&newcallid=leg-3&sipuser=agent-bob&referrer=agent-alice')).json()).toEqual({});
    expect((await transfer('callid=leg-2&newcallid=leg-3&sipuser=bob%20li&referrer=agent-bob')).status).toBe(400);
    // The new call's end ends the conversation: bob's after-call work.
    await post('leg-2', 'ended');
    expect(t.hub.store.conversation(id ?? '')).toMatchObject({ status: 'wrap_up', assigneeId: 'agt_bob' });
  });

  it('moves a trunk call only on a REFER from the agent who holds it; anyone else\'s is refused and changes nothing (#17 C16)', async () => {
    t = await startTestHub({ sip: SIP });
    await t.agent('alice');
    await route('queue=02150001234&caller=013800138000&callid=trunk-c16&origin=trunk');
    await fetch(`${t.url}/sip/events`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ callId: 'trunk-c16', event: 'answered', caller: '013800138000', sipUser: 'agent-alice', at: 2 }),
    });
    const before = t.hub.store.conversationByCallId('trunk-c16');
    expect(before).toMatchObject({ status: 'active', assigneeId: 'agt_alice' });
    const transfer = (query: string): Promise<Response> => fetch(`${t.url}/sip/transfer?${query}`, { headers });
    const expectRefused = async (response: Response): Promise<void> => {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'permission_denied', message: 'the referrer does not hold this call' } });
    };

    // bob (an agent, but not on this call), a supervisor, or a SIP user nobody knows: refused, the call stays alice's.
    await expectRefused(await transfer('callid=trunk-c16&newcallid=xfer.bad1&sipuser=agent-bob&referrer=agent-bob'));
    await expectRefused(await transfer('callid=trunk-c16&newcallid=xfer.bad2&sipuser=agent-sam&referrer=agent-sam'));
    await expectRefused(await transfer('callid=trunk-c16&newcallid=xfer.bad3&sipuser=agent-bob&referrer=customer-9'));
    // Nor does the one-time name of a refused REFER lead anywhere when the phone calls it.
    expect(await (await transfer('callid=xfer.bad1&newcallid=leg-bad&sipuser=agent-bob&referrer=agent-bob')).json()).toEqual({});
    // Without a referrer the ask is malformed.
    expect((await transfer('callid=trunk-c16&newcallid=xfer.bad4&sipuser=agent-bob')).status).toBe(400);
    expect(t.hub.store.conversationByCallId('trunk-c16')).toEqual(before);
    expect(t.hub.store.lastMessages(before?.id ?? '', 10).map((m) => m.text)).not.toContain('Call transferred to Bob Li');

    // alice's own REFER moves it to bob; then bob holds the call, and alice cannot send it anywhere else.
    expect(await (await transfer('callid=trunk-c16&newcallid=xfer.good&sipuser=agent-bob&referrer=agent-alice')).json()).toEqual({ conversationId: before?.id });
    expect(await (await transfer('callid=xfer.good&newcallid=leg-good&sipuser=agent-bob&referrer=agent-alice')).json()).toEqual({ conversationId: before?.id });
    await expectRefused(await transfer('callid=leg-good&newcallid=xfer.again&sipuser=agent-sam&referrer=agent-alice'));
    expect(t.hub.store.conversationByCallId('leg-good')).toMatchObject({ id: before?.id, status: 'active', assigneeId: 'agt_bob', call: { sipCallId: 'leg-good' } });
  });

  it('gives a transferred call back to the agent who transferred it when the phone\'s new call never arrives; a call that arrives stays with the target', async () => {
    t = await startTestHub({ sip: SIP, transferArrivalMs: 400 });
    await t.agent('alice');
    const post = (callId: string, event: string): Promise<Response> =>
      fetch(`${t.url}/sip/events`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ callId, event, caller: '013800138000', sipUser: 'agent-alice', at: 2 }) });
    const transfer = (query: string): Promise<Response> => fetch(`${t.url}/sip/transfer?${query}`, { headers });
    const answered = async (callId: string): Promise<string> => {
      await route(`queue=02150001234&caller=013800138000&callid=${callId}&origin=trunk`);
      await post(callId, 'answered');
      return t.hub.store.conversationByCallId(callId)?.id ?? '';
    };
    // Two calls alice holds and transfers to bob: the phone calls the one-time name for the first, never for the second.
    const arrives = await answered('trunk-arrives');
    const lost = await answered('trunk-lost');
    expect(await (await transfer('callid=trunk-arrives&newcallid=xfer.arrives&sipuser=agent-bob&referrer=agent-alice')).json()).toEqual({ conversationId: arrives });
    expect(await (await transfer('callid=trunk-lost&newcallid=xfer.lost&sipuser=agent-bob&referrer=agent-alice')).json()).toEqual({ conversationId: lost });
    expect(await (await transfer('callid=xfer.arrives&newcallid=leg-arrives&sipuser=agent-bob&referrer=agent-alice')).json()).toEqual({ conversationId: arrives });

    // Past the wait, the lost one is alice's again, keyed by her call, with a note saying why; the other stays bob's.
    const back = await eventually(() => {
      const c = t.hub.store.conversation(lost);
      return c?.assigneeId === 'agt_alice' ? c : null;
    }, 'the lost transfer to come back to alice', 10_000);
    expect(back).toMatchObject({ status: 'active', call: { sipCallId: 'trunk-lost' } });
    expect(t.hub.store.lastMessages(lost, 10).map((m) => m.text)).toContain('The transferred call never reached the new agent; returned to Alice Wang');
    await new Promise((r) => setTimeout(r, 600));
    expect(t.hub.store.conversation(arrives)).toMatchObject({ status: 'active', assigneeId: 'agt_bob', call: { sipCallId: 'leg-arrives' } });
    expect(t.hub.store.pendingJobs().filter((j) => j.key.startsWith('transfer-arrival:'))).toEqual([]);
    // Her call's end now ends it as any call of hers: her after-call work.
    await post('trunk-lost', 'ended');
    expect(t.hub.store.conversation(lost)).toMatchObject({ status: 'wrap_up', assigneeId: 'agt_alice' });
  });

  it('refuses a DID it has no queue for, and never treats a queue number from the trunk as a DID it does not know', async () => {
    t = await startTestHub({ sip: SIP });
    expect(await route('queue=%2B862150009999&caller=13800138000&callid=trunk-3&origin=trunk')).toEqual({ action: 'busy' });
    expect(t.hub.store.conversationByCallId('trunk-3')).toBeNull();
  });

  it('sends an agent\'s call to an external number out through the trunk, in the customer\'s voice conversation', async () => {
    t = await startTestHub({ sip: SIP });
    const decision = await route('queue=13800138000&caller=agent-alice&callid=out-1&origin=staff');
    const conversation = t.hub.store.conversationByCallId('out-1');
    expect(decision).toEqual({ action: 'external', number: '+8613800138000', conversationId: conversation?.id });
    expect(conversation).toMatchObject({ customerId: 'cus_demo_zhang', assigneeId: 'agt_alice', status: 'active', call: { direction: 'outbound', caller: '+8613800138000' } });

    // A queue number from staff still reaches the queue; a customer cannot dial out.
    expect(await route('queue=1000&caller=agent-alice&callid=out-2&origin=staff')).toEqual({ action: 'busy' });
    expect(await route('queue=13800138000&caller=customer-9&callid=out-3&origin=web')).toEqual({ action: 'busy' });
    expect(t.hub.store.conversationByCallId('out-3')).toBeNull();
  });

  it('keeps an unanswered outbound call in the history as missed', async () => {
    t = await startTestHub({ sip: SIP });
    await route('queue=13800138000&caller=agent-alice&callid=out-4&origin=staff');
    const post = (body: object): Promise<Response> =>
      fetch(`${t.url}/sip/events`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ callId: 'out-4', caller: '+8613800138000', sipUser: 'agent-alice', ...body }) });
    await post({ event: 'missed', at: 3 });
    // Over, and the agent still owes its disposition: after-call work (wrap_up), as for an answered call.
    expect(t.hub.store.conversationByCallId('out-4')).toMatchObject({ status: 'wrap_up', assigneeId: 'agt_alice', call: { missed: true, endedAt: 3_000 } });
  });
});
