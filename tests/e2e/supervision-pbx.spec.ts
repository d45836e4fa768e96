/**
 * Call supervision in PBX mode through a real Kamailio with the real SIP engines, once per
 * adapter. There is no PBX on this machine (no Asterisk or FreeSWITCH in apt), so a SIP party
 * registered as the feature-code user stands in for it: the test asserts what would reach the
 * PBX — the dialled user, the X-Switchboard-Supervision header, the mode digits in order and the
 * hang-up when the session ends — not what a PBX then does with them (ChanSpy's mixing is not run).
 *
 * The supervisor's phone runs the product's PbxSupervision (src/renderer/phone/supervision) on the
 * harness page and is handed the sessions the hub would push; their dial target is made by the
 * hub's own config parsing and template expansion (the hub's side is the vitest suite in
 * src/hub/supervision/pbx-supervision.test.ts). The template is `spy-{ext}`: Kamailio sends
 * all-digit users to the hub as queue numbers, so a ChanSpy-style `*222{ext}` would never reach a
 * registered user here.
 *
 * The supervisor's phone sends DTMF as SIP INFO in this test: a browser does not surface RFC 4733
 * events it receives, so INFO is what a browser standing in for the PBX can observe.
 */
import { expect, test } from '@playwright/test';
import type {} from '../../src/renderer/phone/harness/pbx-supervision-harness.js';
import { parseHubConfig } from '../../src/hub/config.js';
import { pbxDialFor } from '../../src/hub/supervision/pbx-dial.js';
import type { SupervisionSession } from '../../src/shared/protocol/supervisor-protocol.js';
import type { Party } from './support/sip-party.js';
import { startWorld, type SoftphoneWorld } from './support/sip-suite.js';
import { TONES } from './support/sip-tones.js';

const HEADER = 'X-Switchboard-Supervision';
const AGENT_SIP_USER = 'agent-1';

/** What the hub's session registry puts on a session with `SUPERVISION_PBX_DIAL=spy-{ext}`. */
function pbxDial() {
  const pbx = parseHubConfig({ dataDir: '/unused', supervisionPbx: { dialTemplate: 'spy-{ext}' } }).supervisionPbx;
  if (!pbx) throw new Error('the PBX setting did not parse');
  return pbxDialFor(pbx, AGENT_SIP_USER);
}

function hand(supervisor: Party, session: SupervisionSession): Promise<void> {
  return supervisor.page.evaluate((s) => window.pbxSupervision.handle(s), session);
}

for (const adapter of ['sipjs', 'jssip'] as const) {
  // The supervisor's phone runs `adapter`, the stand-in PBX the other one.
  const other = adapter === 'sipjs' ? 'jssip' : 'sipjs';
  test.describe(`PBX-mode supervision [supervisor on ${adapter}, stand-in PBX on ${other}]`, () => {
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

    test(`the supervisor's phone dials the PBX, presses each mode's digit, and hangs up at the end [${adapter}] @supervisor`, async () => {
      test.setTimeout(120_000);
      const dial = pbxDial();
      expect(dial).toEqual({ target: 'spy-agent-1', digits: { monitor: '4', whisper: '5', barge: '6' } });
      const pbx = await world.party('customer', dial.target, {}, other);
      const supervisor = await world.party('agent2', 'supervisor-1', { dtmfMode: 'info' });
      const queriesBefore = world.rig.routeQueries.length;

      const base: SupervisionSession = {
        id: `sup_pbx_${adapter}_1`, kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam Chen', agentId: 'agt_alice',
        conversationId: 'conv_call_1', mode: 'monitor', modes: ['monitor'], startedAt: Date.now(), endedAt: null, pbx: dial,
      };
      await hand(supervisor, base);

      const ringing = await pbx.waitForRinging();
      expect(ringing.remoteUser).toBe('supervisor-1');
      expect(ringing.headers?.[HEADER]).toBe(base.id);
      const [leg] = (await supervisor.calls()).filter((c) => c.direction === 'outbound');
      expect(leg).toMatchObject({ remoteUser: 'spy-agent-1', headers: { [HEADER]: base.id } });
      // Kamailio found the registered user; it did not ask the hub as it would for a queue number.
      expect(world.rig.routeQueries.length).toBe(queriesBefore);

      await pbx.run('answer', ringing.id);
      await supervisor.waitForState(leg!.id, 'active');
      await expect.poll(() => pbx.dtmfReceived(), { message: 'the monitor digit once answered' }).toBe('4');
      // What the PBX sends back is what the supervisor hears.
      await supervisor.expectHearing(leg!.id, TONES.customer, 20_000);

      let modes = base.modes;
      let expected = '4';
      for (const mode of ['whisper', 'barge', 'monitor'] as const) {
        modes = [...modes, mode];
        expected += dial.digits[mode];
        await hand(supervisor, { ...base, mode, modes });
        await expect.poll(() => pbx.dtmfReceived(), { message: `the ${mode} digit` }).toBe(expected);
      }
      expect(expected).toBe('4564');

      await hand(supervisor, { ...base, mode: 'monitor', modes, endedAt: Date.now() });
      await pbx.waitForState(ringing.id, 'ended');
      await supervisor.waitForState(leg!.id, 'ended');
      expect(await supervisor.page.evaluate(() => window.pbxSupervision.sessions())).toEqual([]);
      // The supervisor's phone ended it on the hub's word: nothing to ask the hub back.
      expect(await supervisor.page.evaluate(() => window.pbxSupervision.endRequests)).toEqual([]);
      expect(await pbx.dtmfReceived()).toBe('4564');
    });

    test(`a leg the PBX hangs up asks the hub to end the session [${adapter}] @supervisor`, async () => {
      test.setTimeout(90_000);
      const dial = pbxDial();
      const pbx = await world.party('customer', dial.target, {}, other);
      const supervisor = await world.party('agent2', 'supervisor-1', { dtmfMode: 'info' });
      const session: SupervisionSession = {
        id: `sup_pbx_${adapter}_2`, kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam Chen', agentId: 'agt_alice',
        conversationId: 'conv_call_2', mode: 'barge', modes: ['barge'], startedAt: Date.now(), endedAt: null, pbx: dial,
      };
      await hand(supervisor, session);
      const ringing = await pbx.waitForRinging();
      await pbx.run('answer', ringing.id);
      await expect.poll(() => pbx.dtmfReceived(), { message: 'the barge digit once answered' }).toBe('6');

      await pbx.run('hangup', ringing.id);
      await expect.poll(() => supervisor.page.evaluate(() => window.pbxSupervision.endRequests)).toEqual([session.id]);
      const ended = await supervisor.page.evaluate(() => window.pbxSupervision.events.filter((e) => e.type === 'ended'));
      expect(ended).toEqual([{ type: 'ended', sessionId: session.id, reason: 'pbx_hung_up' }]);
      // The hub's answer to that request ends the session here too; it must not dial again.
      await hand(supervisor, { ...session, endedAt: Date.now() });
      await supervisor.page.waitForTimeout(1_000);
      expect((await supervisor.calls()).filter((c) => c.state !== 'ended')).toEqual([]);
    });
  });
}
