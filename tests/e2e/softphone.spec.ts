/**
 * The softphone conformance list, run once per SIP adapter (sip.js, JsSIP):
 * real Kamailio, real Chromium per party, each party's microphone a tone
 * (customer 440 Hz, agent 1000 Hz, second agent 1500 Hz). "Hears" means the
 * expected tone is 20 dB above the others in the remote audio.
 */
import { expect, test } from '@playwright/test';
import { answeredCall, consult, expectTalking, expectTransferred, hangUp } from './support/sip-call-steps.js';
import type { Party } from './support/sip-party.js';
import { useWorld } from './support/sip-suite.js';
import { TONES } from './support/sip-tones.js';

const { customer: CUSTOMER, agent: AGENT, agent2: AGENT2 } = TONES;

/** Cuts the party's SIP WebSocket like a network failure and waits until it is registered again. */
async function dropAndRecover(party: Party): Promise<void> {
  const before = await party.page.evaluate(() => window.harness.events.filter((e) => e.type === 'recovered').length);
  expect(await party.page.evaluate(() => window.harness.dropSockets())).toBe(1);
  await expect
    .poll(() => party.page.evaluate(() => window.harness.events.filter((e) => e.type === 'recovered').length), { timeout: 20_000 })
    .toBeGreaterThan(before);
  expect(await party.page.evaluate(() => window.phone.getRegistration())).toBe('registered');
}

for (const adapter of ['sipjs', 'jssip'] as const) {
  test.describe(`softphone [${adapter}] @softphone`, () => {
    const world = useWorld(adapter);

    test('a call to a queue is routed by the hub and both sides hear each other', async () => {
      const call = await answeredCall(world);
      const { customer, agent, customerCall, agentCall } = call;

      expect(world.rig.routeQueries.at(-1)).toMatchObject({ queueNumber: '8000', caller: 'customer-1' });
      await expectTalking(call);

      await hangUp(customer, customerCall, agent, agentCall);
      const sipCallId = (await agent.calls()).find((c) => c.id === agentCall)?.sipCallId;
      await expect
        .poll(() => world.rig.callEvents.filter((e) => e.callId === sipCallId).map((e) => e.event))
        .toEqual(expect.arrayContaining(['ringing', 'answered', 'ended']));
      expect(world.rig.callEvents.find((e) => e.callId === sipCallId && e.event === 'ended')).toMatchObject({
        caller: 'customer-1',
        sipUser: 'agent-1',
      });
    });

    test('hold and mute silence the agent, resume and unmute bring the voice back', async () => {
      const { customer, agent, customerCall, agentCall } = await answeredCall(world);
      await customer.expectHearing(customerCall, AGENT);

      await agent.run('hold', agentCall);
      await customer.expectSilence(customerCall, AGENT);
      await agent.run('resume', agentCall);
      await customer.expectHearing(customerCall, AGENT);
      await agent.expectHearing(agentCall, CUSTOMER);

      await agent.run('mute', agentCall);
      await customer.expectSilence(customerCall, AGENT);
      await agent.expectHearing(agentCall, CUSTOMER);
      await agent.run('unmute', agentCall);
      await customer.expectHearing(customerCall, AGENT);
    });

    test('DTMF reaches the far end', async () => {
      // This customer's phone is set to SIP INFO, which the far end can observe.
      const { customer, agent, customerCall, agentCall } = await answeredCall(world, { customerConfig: { dtmfMode: 'info' } });

      expect(await customer.sendDtmf(customerCall, '12#')).toBe('info');
      await expect.poll(() => agent.dtmfReceived()).toBe('12#');
      // RFC 4733 is negotiated end to end through Kamailio and is the default. A
      // browser cannot observe received RFC 4733 events, so this checks the sending side.
      expect(await agent.sendDtmf(agentCall, '5')).toBe('rfc4733');
    });

    test('blind transfer: the customer ends up talking to the second agent', async () => {
      const { customer, agent, customerCall, agentCall } = await answeredCall(world);
      const agent2 = await world.party('agent2', 'agent-2');

      await agent.page.evaluate(([id]) => window.phone.blindTransfer(id, 'agent-2'), [agentCall] as const);
      const ringing = await agent2.waitForRinging();
      await agent2.run('answer', ringing.id);
      await agent.waitForState(agentCall, 'ended');
      await customer.waitForState(customerCall, 'ended');
      await expectTransferred(customer, customerCall, agent2, ringing.id);
    });

    test('attended transfer: consult the second agent, then connect the customer', async () => {
      const { customer, agent, customerCall, agentCall } = await answeredCall(world);
      const agent2 = await world.party('agent2', 'agent-2');

      const { consultCall, otherCall } = await consult(agent, agentCall, agent2);
      await agent.expectHearing(consultCall, AGENT2);
      await customer.expectSilence(customerCall, AGENT);

      await agent.page.evaluate(([id, c]) => window.phone.completeAttendedTransfer(id, c), [agentCall, consultCall] as const);
      const replacing = await agent2.waitForCall((c) => c.state === 'active' && c.replacedCallId === otherCall, 'replacing call is up');
      await agent.waitForState(agentCall, 'ended');
      await agent.waitForState(consultCall, 'ended');
      await expectTransferred(customer, customerCall, agent2, replacing.id);
    });

    test('a dropped WebSocket mid-call reconnects, re-registers and the call carries on', async () => {
      const call = await answeredCall(world);
      const { customer, agent, customerCall, agentCall } = call;

      expect(await agent.page.evaluate(() => window.harness.dropSockets())).toBe(1);
      await expect.poll(() => agent.page.evaluate(() => window.harness.events.some((e) => e.type === 'transport' && e.state === 'disconnected'))).toBe(true);
      await expect
        .poll(() => agent.page.evaluate(() => window.harness.events.some((e) => e.type === 'recovered' && e.calls === 1)), { timeout: 15_000 })
        .toBe(true);
      expect(await agent.page.evaluate(() => window.phone.getRegistration())).toBe('registered');
      // The call refresh gave the customer our new connection: in-dialog requests from them reach us.
      await customer.run('hold', customerCall);
      await agent.expectSilence(agentCall, CUSTOMER);
      await customer.run('resume', customerCall);
      await expectTalking(call);
      await hangUp(customer, customerCall, agent, agentCall);
    });

    test('a WebSocket dropped while ringing: the call is cleanly marked missed on both sides and the next call works', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      world.rig.routeTo = { action: 'agent', sipUser: agent.sipUser, conversationId: 'conv_e2e' };
      const customerCall = await customer.call('8000');
      const ringing = await agent.waitForRinging();

      await dropAndRecover(agent);
      // The ringing call could no longer be answered through the dead connection: the agent sees it
      // end as missed, the customer's call ends too (not left hearing ringback), and the hub records it.
      const ended = await agent.waitForState(ringing.id, 'ended');
      expect(ended.answeredAt).toBeUndefined();
      expect(ended.endReason).toMatch(/connection lost/);
      await customer.waitForState(customerCall, 'ended');
      await expect.poll(() => world.rig.callEvents.filter((e) => e.callId === ringing.sipCallId).map((e) => e.event)).toContain('missed');
      expect((await agent.calls()).filter((c) => c.state !== 'ended')).toEqual([]);

      // Nothing is stuck: the next call rings, is answered, and both sides hear each other.
      const next = await customer.call('8000');
      const again = await agent.waitForCall((c) => c.state === 'ringing' && c.id !== ringing.id, 'the next call rings');
      await agent.run('answer', again.id);
      await customer.waitForState(next, 'active');
      await expectTalking({ customer, agent, customerCall: next, agentCall: again.id });
      await hangUp(customer, next, agent, again.id);
    });

    test('only an agent may mark a call as a supervision leg: Kamailio strips the mark from anyone else', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      const supervisor = await world.party('agent2', 'supervisor-1');
      const mark = { 'X-Switchboard-Supervision': 'sup_x' };

      // A customer's phone cannot ring the supervisor directly at all (#17 S4: only staff call SIP users)…
      const direct = await customer.call('supervisor-1', { headers: mark });
      expect((await customer.waitForState(direct, 'ended')).state).toBe('ended');
      // …and on its call to a queue that the hub gives the supervisor, the mark a supervisor's phone answers by itself is gone.
      world.rig.routeTo = { action: 'agent', sipUser: 'supervisor-1', conversationId: 'conv_e2e' };
      const forged = await customer.call('8000', { headers: mark });
      const forgedRing = await supervisor.waitForRinging();
      expect(forgedRing.remoteUser).toBe('customer-1');
      expect(forgedRing.headers?.['X-Switchboard-Supervision']).toBeUndefined();
      await hangUp(customer, forged, supervisor, forgedRing.id);

      // The same mark from an agent's phone arrives.
      const marked = await agent.call('supervisor-1', { headers: mark });
      const markedRing = await supervisor.waitForRinging();
      expect(markedRing.remoteUser).toBe('agent-1');
      expect(markedRing.headers).toEqual(mark);
      await hangUp(agent, marked, supervisor, markedRing.id);
    });

    test('3-way conference: everyone hears the other two', async () => {
      const { customer, agent, customerCall, agentCall } = await answeredCall(world);
      const agent2 = await world.party('agent2', 'agent-2');

      const { consultCall, otherCall } = await consult(agent, agentCall, agent2);
      await agent.page.evaluate(([a, b]) => window.phone.conference(a, b), [agentCall, consultCall] as const);

      await customer.expectTones(customerCall, [AGENT, AGENT2], [CUSTOMER]);
      await agent2.expectTones(otherCall, [AGENT, CUSTOMER], [AGENT2]);
      await agent.expectHearing(agentCall, CUSTOMER);
      await agent.expectHearing(consultCall, AGENT2);
    });
  });
}

test.describe('softphone across adapters @softphone', () => {
  const world = useWorld('sipjs');

  for (const [callerAdapter, agentAdapter] of [
    ['sipjs', 'jssip'],
    ['jssip', 'sipjs'],
  ] as const) {
    test(`a ${callerAdapter} customer reaches a ${agentAdapter} agent through the queue and both hear each other`, async () => {
      const call = await answeredCall(world, { customerAdapter: callerAdapter, agentAdapter });
      await expectTalking(call);
      await hangUp(call.agent, call.agentCall, call.customer, call.customerCall);
    });
  }
});

test.describe('softphone over wss:// @softphone', () => {
  // Every party here registers at Kamailio's TLS WebSocket, with a certificate made for this run.
  const world = useWorld('sipjs', { wss: true });

  for (const adapter of ['sipjs', 'jssip'] as const) {
    test(`[${adapter}] registers over wss:// and completes a routed call with audio both ways`, async () => {
      const call = await answeredCall(world, { customerAdapter: adapter, agentAdapter: adapter });
      const { customer, agent, customerCall, agentCall } = call;
      expect(await agent.page.evaluate(() => window.phone.getRegistration())).toBe('registered');
      for (const party of [customer, agent]) expect(party.wsUrl).toBe(world.rig.kamailio.wssUrl);
      expect(world.rig.kamailio.wssUrl).toMatch(/^wss:\/\//);
      await expectTalking(call);
      await hangUp(customer, customerCall, agent, agentCall);
    });
  }
});
