/**
 * The softphone conformance list, run once per SIP adapter (sip.js, JsSIP):
 * real Kamailio, real Chromium per party, each party's microphone a tone
 * (customer 440 Hz, agent 1000 Hz, second agent 1500 Hz). "Hears" means the
 * expected tone is 20 dB above the others in the remote audio.
 */
import { expect, test } from '@playwright/test';
import type { Party } from './support/sip-party.js';
import { routedCall, startWorld, type SoftphoneWorld } from './support/sip-suite.js';
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
    let world: SoftphoneWorld;

    test.beforeAll(async () => {
      test.setTimeout(60_000);
      world = await startWorld(adapter);
    });
    test.afterEach(async () => {
      await world.closeParties();
    });
    test.afterAll(async () => {
      await world?.stop();
    });

    test('a call to a queue is routed by the hub and both sides hear each other', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      const { customerCall, agentCall } = await routedCall(world, customer, agent);

      expect(world.rig.routeQueries.at(-1)).toMatchObject({ queueNumber: '8000', caller: 'customer-1' });
      await agent.expectHearing(agentCall, CUSTOMER);
      await customer.expectHearing(customerCall, AGENT);

      await customer.run('hangup', customerCall);
      await agent.waitForState(agentCall, 'ended');
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
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      const { customerCall, agentCall } = await routedCall(world, customer, agent);
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
      const customer = await world.party('customer', 'customer-1', { dtmfMode: 'info' });
      const agent = await world.party('agent', 'agent-1');
      const { customerCall, agentCall } = await routedCall(world, customer, agent);

      expect(await customer.sendDtmf(customerCall, '12#')).toBe('info');
      await expect.poll(() => agent.dtmfReceived()).toBe('12#');
      // RFC 4733 is negotiated end to end through Kamailio and is the default. A
      // browser cannot observe received RFC 4733 events, so this checks the sending side.
      expect(await agent.sendDtmf(agentCall, '5')).toBe('rfc4733');
    });

    test('blind transfer: the customer ends up talking to the second agent', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      const agent2 = await world.party('agent2', 'agent-2');
      const { customerCall, agentCall } = await routedCall(world, customer, agent);

      await agent.page.evaluate(([id]) => window.phone.blindTransfer(id, 'agent-2'), [agentCall] as const);
      const ringing = await agent2.waitForRinging();
      await agent2.run('answer', ringing.id);
      await agent.waitForState(agentCall, 'ended');
      await customer.waitForState(customerCall, 'ended');
      const transferred = await customer.waitForCall((c) => c.state === 'active' && c.id !== customerCall, 'transferred call is up');
      await customer.expectHearing(transferred.id, AGENT2);
      await agent2.expectHearing(ringing.id, CUSTOMER);
    });

    test('attended transfer: consult the second agent, then connect the customer', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      const agent2 = await world.party('agent2', 'agent-2');
      const { customerCall, agentCall } = await routedCall(world, customer, agent);

      const consult = await agent.page.evaluate(([id]) => window.phone.startConsultation(id, 'agent-2'), [agentCall] as const);
      const ringing = await agent2.waitForRinging();
      await agent2.run('answer', ringing.id);
      await agent.waitForState(consult, 'active');
      await agent.expectHearing(consult, AGENT2);
      await customer.expectSilence(customerCall, AGENT);

      await agent.page.evaluate(([id, c]) => window.phone.completeAttendedTransfer(id, c), [agentCall, consult] as const);
      const replacing = await agent2.waitForCall((c) => c.state === 'active' && c.replacedCallId === ringing.id, 'replacing call is up');
      await agent.waitForState(agentCall, 'ended');
      await agent.waitForState(consult, 'ended');
      const transferred = await customer.waitForCall((c) => c.state === 'active' && c.id !== customerCall, 'customer is connected on');
      await customer.expectHearing(transferred.id, AGENT2);
      await agent2.expectHearing(replacing.id, CUSTOMER);
    });

    test('a dropped WebSocket mid-call reconnects, re-registers and the call carries on', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      const { customerCall, agentCall } = await routedCall(world, customer, agent);

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
      await agent.expectHearing(agentCall, CUSTOMER);
      await customer.expectHearing(customerCall, AGENT);
      await customer.run('hangup', customerCall);
      await agent.waitForState(agentCall, 'ended');
    });

    test('a WebSocket dropped while ringing: the call is cleanly marked missed on both sides and the next call works', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      world.rig.routeTo = { action: 'agent', sipUser: agent.sipUser };
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
      await agent.expectHearing(again.id, CUSTOMER);
      await customer.expectHearing(next, AGENT);
      await customer.run('hangup', next);
      await agent.waitForState(again.id, 'ended');
    });

    test('only an agent may mark a call as a supervision leg: Kamailio strips the mark from anyone else', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      const supervisor = await world.party('agent2', 'supervisor-1');
      const mark = { 'X-Switchboard-Supervision': 'sup_x' };

      // A customer dials the supervisor directly with the mark a supervisor's phone answers by itself.
      const forged = await customer.call('supervisor-1', { headers: mark });
      const forgedRing = await supervisor.waitForRinging();
      expect(forgedRing.remoteUser).toBe('customer-1');
      expect(forgedRing.headers?.['X-Switchboard-Supervision']).toBeUndefined();
      await customer.run('hangup', forged);
      await supervisor.waitForState(forgedRing.id, 'ended');

      // The same mark from an agent's phone arrives.
      const marked = await agent.call('supervisor-1', { headers: mark });
      const markedRing = await supervisor.waitForRinging();
      expect(markedRing.remoteUser).toBe('agent-1');
      expect(markedRing.headers).toEqual(mark);
      await agent.run('hangup', marked);
      await supervisor.waitForState(markedRing.id, 'ended');
    });

    test('3-way conference: everyone hears the other two', async () => {
      const customer = await world.party('customer', 'customer-1');
      const agent = await world.party('agent', 'agent-1');
      const agent2 = await world.party('agent2', 'agent-2');
      const { customerCall, agentCall } = await routedCall(world, customer, agent);

      const consult = await agent.page.evaluate(([id]) => window.phone.startConsultation(id, 'agent-2'), [agentCall] as const);
      const ringing = await agent2.waitForRinging();
      await agent2.run('answer', ringing.id);
      await agent.waitForState(consult, 'active');
      await agent.page.evaluate(([a, b]) => window.phone.conference(a, b), [agentCall, consult] as const);

      await customer.expectTones(customerCall, [AGENT, AGENT2], [CUSTOMER]);
      await agent2.expectTones(ringing.id, [AGENT, CUSTOMER], [AGENT2]);
      await agent.expectHearing(agentCall, CUSTOMER);
      await agent.expectHearing(consult, AGENT2);
    });
  });
}

test.describe('softphone across adapters @softphone', () => {
  let world: SoftphoneWorld;

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    world = await startWorld('sipjs');
  });
  test.afterEach(async () => {
    await world.closeParties();
  });
  test.afterAll(async () => {
    await world?.stop();
  });

  for (const [callerAdapter, agentAdapter] of [
    ['sipjs', 'jssip'],
    ['jssip', 'sipjs'],
  ] as const) {
    test(`a ${callerAdapter} customer reaches a ${agentAdapter} agent through the queue and both hear each other`, async () => {
      const customer = await world.party('customer', 'customer-1', {}, callerAdapter);
      const agent = await world.party('agent', 'agent-1', {}, agentAdapter);
      const { customerCall, agentCall } = await routedCall(world, customer, agent);
      await agent.expectHearing(agentCall, CUSTOMER);
      await customer.expectHearing(customerCall, AGENT);
      await agent.run('hangup', agentCall);
      await customer.waitForState(customerCall, 'ended');
    });
  }
});

test.describe('softphone over wss:// @softphone', () => {
  let world: SoftphoneWorld;

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    // Every party here registers at Kamailio's TLS WebSocket, with a certificate made for this run.
    world = await startWorld('sipjs', { wss: true });
  });
  test.afterEach(async () => {
    await world.closeParties();
  });
  test.afterAll(async () => {
    await world?.stop();
  });

  for (const adapter of ['sipjs', 'jssip'] as const) {
    test(`[${adapter}] registers over wss:// and completes a routed call with audio both ways`, async () => {
      const customer = await world.party('customer', 'customer-1', {}, adapter);
      const agent = await world.party('agent', 'agent-1', {}, adapter);
      expect(await agent.page.evaluate(() => window.phone.getRegistration())).toBe('registered');
      for (const party of [customer, agent]) expect(party.wsUrl).toBe(world.rig.kamailio.wssUrl);
      expect(world.rig.kamailio.wssUrl).toMatch(/^wss:\/\//);
      const { customerCall, agentCall } = await routedCall(world, customer, agent);
      await agent.expectHearing(agentCall, CUSTOMER);
      await customer.expectHearing(customerCall, AGENT);
      await customer.run('hangup', customerCall);
      await agent.waitForState(agentCall, 'ended');
    });
  }
});
