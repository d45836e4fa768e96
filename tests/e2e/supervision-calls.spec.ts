/**
 * Call supervision through a real Kamailio with the real SIP engines, once per adapter: three
 * Chromium parties with their own fake-microphone tones (customer 440 Hz, agent 1000 Hz,
 * supervisor 1500 Hz). The customer's queue call is routed to the agent; the agent's phone gets
 * the hub's `call.started` notice (handed in here; the hub's side of the notices is covered by
 * vitest in src/hub/supervision), dials the supervisor with X-Switchboard-Supervision, and the
 * supervisor's phone answers that leg by itself. Every who-hears-whom cell is asserted for
 * monitor, whisper and barge in one session, the silent ones included; then the session ends and
 * the call is back to two people.
 */
import { expect, test } from '@playwright/test';
import type {} from '../harness/pages/phone/supervision-harness.js';
import type { AgentSupervisionNotice } from '../../src/shared/protocol/supervisor-protocol.js';
import { HEARD_MARGIN_DB, SILENCE_DB, type Party } from './support/sip-party.js';
import { routedCall, useWorld } from './support/sip-suite.js';
import { ALL_TONES, TONES as SIP_TONES } from './support/sip-tones.js';
import { whoHearsWhomProblems, type Levels } from './support/who-hears-whom.js';

const TONES = { customer: SIP_TONES.customer, agent: SIP_TONES.agent, supervisor: SIP_TONES.agent2 } as const;
type Who = keyof typeof TONES;
type Mode = 'monitor' | 'whisper' | 'barge';

/** Who must hear whom; everything else must be silent (no one hears themselves either). */
const EXPECTED: Record<Mode | 'muted' | 'after', Record<Who, Who[]>> = {
  monitor: { customer: ['agent'], agent: ['customer'], supervisor: ['customer', 'agent'] },
  whisper: { customer: ['agent'], agent: ['customer', 'supervisor'], supervisor: ['customer', 'agent'] },
  barge: { customer: ['agent', 'supervisor'], agent: ['customer', 'supervisor'], supervisor: ['customer', 'agent'] },
  /** The agent muted the call while monitored: their voice leaves every mix, the customer's stays. */
  muted: { customer: [], agent: ['customer'], supervisor: ['customer'] },
  after: { customer: ['agent'], agent: ['customer'], supervisor: [] },
};

function hearing(party: Party): Promise<Levels | null> {
  return party.page.evaluate((tones) => window.supervision.hearing(tones), ALL_TONES);
}

async function expectTable(label: keyof typeof EXPECTED, parties: Record<Who, Party>): Promise<void> {
  await expect
    .poll(
      async () => {
        const [customer, agent, supervisor] = await Promise.all([hearing(parties.customer), hearing(parties.agent), hearing(parties.supervisor)]);
        return whoHearsWhomProblems(label, TONES, EXPECTED[label], { customer, agent, supervisor }, HEARD_MARGIN_DB, SILENCE_DB);
      },
      { message: `who hears whom in ${label}`, timeout: 20_000, intervals: [500] },
    )
    .toEqual([]);
}

function notify(agent: Party, notice: AgentSupervisionNotice): Promise<unknown> {
  return agent.page.evaluate((n) => window.supervision.handle(n), notice);
}

for (const adapter of ['sipjs', 'jssip'] as const) {
  // The agent's phone runs `adapter`; the customer and the supervisor run the other one, so each
  // run also proves the header and the legs across sip.js ↔ JsSIP.
  const other = adapter === 'sipjs' ? 'jssip' : 'sipjs';
  test.describe(`supervised calls [agent on ${adapter}, others on ${other}]`, () => {
    const world = useWorld(adapter);

    test(`monitor, whisper, barge through Kamailio: who hears whom, cell by cell, then a clean end [${adapter}] @supervisor`, async () => {
      test.setTimeout(240_000);
      const customer = await world.party('customer', 'customer-1', {}, other);
      const agent = await world.party('agent', 'agent-1');
      const supervisor = await world.party('agent2', 'supervisor-1', {}, other);
      const parties = { customer, agent, supervisor };
      const { customerCall, agentCall } = await routedCall(world, customer, agent);
      await agent.expectHearing(agentCall, TONES.customer);

      // The hub fills sipCallId from Kamailio's call events; take it from the same place.
      let sipCallId: string | undefined;
      await expect
        .poll(() => (sipCallId = world.rig.callEvents.find((e) => e.event === 'answered' && e.sipUser === 'agent-1')?.callId))
        .toBeTruthy();
      const sessionId = `sup_${adapter}_1`;
      const base = { sessionId, conversationId: 'conv_call_1' };
      await supervisor.page.evaluate((id) => window.supervision.expectSessions([id]), sessionId);

      expect(
        await notify(agent, { kind: 'call.started', ...base, supervisorId: 'sup_sam', supervisorName: 'Sam Supervisor', supervisorSipUser: 'supervisor-1', sipCallId, mode: 'monitor' }),
      ).toMatchObject({ ok: true, value: { state: 'started', mode: 'monitor' } });
      const leg = await supervisor.waitForCall((c) => c.state === 'active' && c.headers?.['X-Switchboard-Supervision'] === sessionId, 'the supervision leg is answered by itself');
      expect(leg.remoteUser).toBe('agent-1');

      await expectTable('monitor', parties);
      for (const mode of ['whisper', 'barge', 'monitor'] as const) {
        expect(await notify(agent, { kind: 'call.mode', ...base, mode })).toMatchObject({ ok: true, value: { mode } });
        await expectTable(mode, parties);
      }
      await agent.run('mute', agentCall);
      await expectTable('muted', parties);
      await agent.run('unmute', agentCall);
      await expectTable('monitor', parties);

      expect(await notify(agent, { kind: 'call.ended', ...base })).toMatchObject({ ok: true, value: { state: 'ended' } });
      await supervisor.waitForState(leg.id, 'ended');
      expect((await agent.calls()).filter((c) => c.state !== 'ended').map((c) => c.id)).toEqual([agentCall]);
      expect(await agent.page.evaluate(() => window.supervision.sessions())).toEqual([]);
      await expectTable('after', parties);
      // Back to the call's own audio: what the agent plays is the customer's remote stream again.
      expect(await agent.page.evaluate((id) => window.phone.getPlayback(id) === window.phone.getRemoteStream(id), agentCall)).toBe(true);

      // A second session on the same call ends by itself when the customer hangs up.
      const second = { sessionId: `sup_${adapter}_2`, conversationId: 'conv_call_1' };
      await supervisor.page.evaluate((id) => window.supervision.expectSessions([id]), second.sessionId);
      expect(
        await notify(agent, { kind: 'call.started', ...second, supervisorId: 'sup_sam', supervisorName: 'Sam Supervisor', supervisorSipUser: 'supervisor-1', sipCallId, mode: 'barge' }),
      ).toMatchObject({ ok: true });
      const leg2 = await supervisor.waitForCall((c) => c.state === 'active' && c.headers?.['X-Switchboard-Supervision'] === second.sessionId, 'the second leg is answered');
      await expectTable('barge', parties);
      await customer.run('hangup', customerCall);
      await agent.waitForState(agentCall, 'ended');
      await supervisor.waitForState(leg2.id, 'ended');
      await expect
        .poll(() => agent.page.evaluate(() => window.supervision.events.filter((e) => e.type === 'ended').map((e) => e.type === 'ended' && e.reason)))
        .toEqual(['ended', 'call_ended']);
    });

    test(`a supervision leg for a session the supervisor did not start is never answered, and is refused [${adapter}] @supervisor`, async () => {
      const agent = await world.party('agent', 'agent-1');
      const supervisor = await world.party('agent2', 'supervisor-1', {}, other);
      await agent.call('supervisor-1');
      const ringing = await supervisor.waitForRinging();
      expect(ringing.headers).toBeUndefined();
      // A forged header is no key to the supervisor's microphone either.
      const forged = await agent.page.evaluate(() => window.phone.call('supervisor-1', { headers: { 'X-Switchboard-Supervision': 'sup_forged' } }));
      const forgedRing = await supervisor.waitForCall((c) => c.headers?.['X-Switchboard-Supervision'] === 'sup_forged', 'the marked call arrives');
      await supervisor.page.waitForTimeout(2_000);
      expect((await supervisor.calls()).find((c) => c.id === forgedRing.id)?.state).toBe('ringing');
      // Legs are never shown as calls, so one nobody expects is refused rather than left ringing unseen.
      await supervisor.waitForCall((c) => c.id === forgedRing.id && c.state === 'ended', 'the unexpected leg is refused', 20_000);
      await agent.waitForState(forged, 'ended');
    });
  });
}
