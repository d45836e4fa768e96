import { sipApiSecret } from '../sip/sip-api-secret';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';
import { ephemeralPassword } from '../sip/sip-credentials';
import { customerIdOfVisitorCaller, VISITOR_CALL_TTL_SECONDS } from './widget-call';

const SIP = { secret: 'sip-shared-secret-0123456789', domain: 'switchboard.test', wsUrl: 'ws://127.0.0.1:5066' };
const sipHeaders = { 'x-switchboard-sip-secret': sipApiSecret(SIP) };
let t: TestHub;
afterEach(async () => {
  await t?.close();
});

const route = (query: string) => fetch(`${t.url}/sip/route?${query}`, { headers: sipHeaders }).then((r) => r.json() as Promise<Record<string, unknown>>);

describe('"Call us" from the widget', () => {
  it('gives a visitor two-minute credentials for their own customer and the voice queue number', async () => {
    t = await startTestHub({ sip: SIP });
    const v = await t.visitor('visitor-caller-01', { name: 'Mei Lin' });
    await v.say('hello, can I call you?');
    const customer = t.hub.store.customerByIdentity('widget_visitor', 'visitor-caller-01');
    v.send({ type: 'call' });
    const frame = (await eventually(() => v.frames.find((f) => f.type === 'call'), 'call credentials')) as { call: Record<string, string> };
    const { authorizationUsername, password, uri, wsUrl, number } = frame.call;
    expect(uri).toBe(`sip:web-${customer?.id}@switchboard.test`);
    expect(number).toBe('1000');
    expect(wsUrl).toBe(SIP.wsUrl);
    // Kamailio recomputes the password from the shared secret; the expiry is about two minutes away.
    expect(password).toBe(ephemeralPassword(SIP.secret, authorizationUsername!));
    const expiry = Number(authorizationUsername!.split(':')[0]) * 1000;
    expect(expiry - Date.now()).toBeGreaterThan((VISITOR_CALL_TTL_SECONDS - 10) * 1000);
    expect(expiry - Date.now()).toBeLessThanOrEqual(VISITOR_CALL_TTL_SECONDS * 1000);
  });

  it('makes the customer of a visitor who calls before writing, with the name they gave', async () => {
    t = await startTestHub({ sip: SIP });
    const v = await t.visitor('visitor-caller-02', { name: 'Wu Fang' });
    v.send({ type: 'call' });
    await eventually(() => v.frames.find((f) => f.type === 'call'), 'call credentials');
    expect(t.hub.store.customerByIdentity('widget_visitor', 'visitor-caller-02')?.name).toBe('Wu Fang');
  });

  it('refuses calls on a hub without telephony, and too many calls from one page', async () => {
    t = await startTestHub();
    const v = await t.visitor('visitor-caller-03');
    v.send({ type: 'call' });
    expect(await eventually(() => v.frames.find((f) => f.type === 'error'), 'refusal')).toMatchObject({ code: 'unavailable' });
    await t.close();

    t = await startTestHub({ sip: SIP });
    const w = await t.visitor('visitor-caller-04');
    for (let i = 0; i < 4; i++) w.send({ type: 'call' });
    expect(await eventually(() => w.frames.find((f) => f.type === 'error'), 'refusal')).toMatchObject({ code: 'rate_limited' });
    expect(w.frames.filter((f) => f.type === 'call')).toHaveLength(3);
  });

  it("files the visitor's call under their own customer, beside their chat, and rings an agent", async () => {
    t = await startTestHub({ sip: SIP });
    const v = await t.visitor('visitor-caller-05', { name: 'Mei Lin' });
    await v.say('my parcel is late');
    const customer = t.hub.store.customerByIdentity('widget_visitor', 'visitor-caller-05')!;
    const alice = await t.agent('alice');
    const decision = await route(`queue=1000&caller=web-${customer.id}&callid=visitor-call-1&origin=visitor`);
    expect(decision).toMatchObject({ action: 'agent', sipUser: 'agent-alice' });
    const call = t.hub.store.conversationByCallId('visitor-call-1');
    expect(call).toMatchObject({ id: decision.conversationId, channel: 'voice', customerId: customer.id });
    // The hub minted these credentials for this customer: the call is not an unproven caller's.
    expect(call?.unverified).toBeFalsy();
    const offer = await alice.waitFor('offer', (f) => f.offer.conversationId === call?.id);
    expect(offer.offer.channel).toBe('voice');
  });

  it('never dials out for a visitor, and refuses a visitor the hub does not know', async () => {
    t = await startTestHub({ sip: SIP });
    const v = await t.visitor('visitor-caller-06');
    await v.say('hi');
    const customer = t.hub.store.customerByIdentity('widget_visitor', 'visitor-caller-06')!;
    expect(await route(`queue=%2B8613800138000&caller=web-${customer.id}&callid=visitor-call-2&origin=visitor`)).toEqual({ action: 'busy' });
    expect(await route(`queue=1000&caller=web-cus_nobody&callid=visitor-call-3&origin=visitor`)).toEqual({ action: 'busy' });
    expect(t.hub.store.conversationByCallId('visitor-call-2')).toBeNull();
  });

  it('reads the customer id only from visitor SIP users', () => {
    expect(customerIdOfVisitorCaller('web-cus_1')).toBe('cus_1');
    expect(customerIdOfVisitorCaller('web-')).toBeNull();
    expect(customerIdOfVisitorCaller('agent-alice')).toBeNull();
  });
});
