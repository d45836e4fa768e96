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
 * The supervisor's phone sends DTMF as SIP INFO in these tests: a browser does not surface RFC 4733
 * events it receives, so INFO is what a browser standing in for the PBX can observe.
 *
 * The last test runs the whole chain in the apps: a real hub process started with
 * SUPERVISION_PBX_DIAL, the web host, Alice's app on a real queue call and Sam's app, whose console
 * starts the session and whose phone page (wirePbxSupervision) dials the stand-in PBX.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import type {} from '../harness/pages/phone/pbx-supervision-harness.js';
import { parseHubConfig } from '../../src/hub/config.js';
import { pbxDialFor } from '../../src/hub/supervision/pbx-dial.js';
import type { SupervisionSession } from '../../src/shared/protocol/supervisor-protocol.js';
import { AgentApp } from './support/agent-app.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { Party } from './support/sip-party.js';
import { startWorld, type SoftphoneWorld } from './support/sip-suite.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process.js';
import { chooseAgentState } from './support/desk.js';

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
      // A staff SIP user: Kamailio keeps the supervision mark only on calls from those.
      const supervisor = await world.party('agent2', 'agent-sup-1', { dtmfMode: 'info' });
      const queriesBefore = world.rig.routeQueries.length;

      const base: SupervisionSession = {
        id: `sup_pbx_${adapter}_1`, kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam Chen', agentId: 'agt_alice',
        conversationId: 'conv_call_1', mode: 'monitor', modes: ['monitor'], startedAt: Date.now(), endedAt: null, pbx: dial,
      };
      await hand(supervisor, base);

      const ringing = await pbx.waitForRinging();
      expect(ringing.remoteUser).toBe('agent-sup-1');
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
      const supervisor = await world.party('agent2', 'agent-sup-1', { dtmfMode: 'info' });
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
      expect(ended).toEqual([{ type: 'ended', sessionId: session.id, reason: 'call_ended' }]);
      // The hub's answer to that request ends the session here too; it must not dial again.
      await hand(supervisor, { ...session, endedAt: Date.now() });
      await supervisor.page.waitForTimeout(1_000);
      expect((await supervisor.calls()).filter((c) => c.state !== 'ended')).toEqual([]);
    });
  });
}

/**
 * Runs in the stand-in PBX's page: its SDP answers leave out telephone-event, as a PBX set to SIP
 * INFO DTMF would, so the supervisor's phone (which prefers RFC 4733 and has no setting for it in
 * the app) falls back to INFO, which this browser can observe.
 */
function answerWithoutRfc4733(): void {
  // The promise form only: the callback overloads are legacy and no SIP library here uses them.
  const native = RTCPeerConnection.prototype.setLocalDescription as (this: RTCPeerConnection, d?: RTCLocalSessionDescriptionInit) => Promise<void>;
  const strip = (sdp: string): string => {
    const types = [...sdp.matchAll(/^a=rtpmap:(\d+) telephone-event\//gm)].map((m) => m[1]!);
    return sdp
      .split('\r\n')
      .filter((line) => !types.some((pt) => line.startsWith(`a=rtpmap:${pt} `) || line.startsWith(`a=fmtp:${pt} `) || line.startsWith(`a=rtcp-fb:${pt} `)))
      .map((line) => (line.startsWith('m=audio ') ? line.split(' ').filter((part, i) => i < 3 || !types.includes(part)).join(' ') : line))
      .join('\r\n');
  };
  RTCPeerConnection.prototype.setLocalDescription = function (this: RTCPeerConnection, description?: RTCLocalSessionDescriptionInit) {
    const munged = description?.type === 'answer' && description.sdp ? { type: description.type, sdp: strip(description.sdp) } : description;
    return native.call(this, munged);
  };
}

test.describe('PBX-mode supervision in the apps, against the real hub [sipjs]', () => {
  const adapter = 'sipjs';
  let world: PhoneAppWorld;
  let samsHost: WebHostProcess;
  let tones: Awaited<ReturnType<typeof makeToneFiles>>;
  const closers: Array<() => Promise<void>> = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    tones = await makeToneFiles();
    world = await startPhoneAppWorld({ hubEnv: { SUPERVISION_PBX_DIAL: 'spy-{ext}' } });
    samsHost = await startWebHostProcess({ hubUrl: world.hubUrl });
  });
  test.afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await samsHost?.stop();
    await world?.stop();
  });

  async function party(sipUser: string, tone: number, before?: () => void): Promise<Party> {
    const p = await Party.launch(world.partyRig, adapter, sipUser, tone, tones.file(tone));
    closers.push(() => p.close());
    if (before) await p.page.evaluate(before);
    await p.register();
    return p;
  }
  async function app(user: string, openUrl: string, tone: number): Promise<AgentApp> {
    const a = await AgentApp.launch(tones.file(tone));
    closers.push(() => a.close());
    await a.signIn(openUrl, user, adapter);
    await a.expectRegistered();
    return a;
  }

  test('Sam monitors Alice\'s queue call from his console: his phone dials the PBX, presses each mode, and hangs up; Alice\'s phone is not involved @supervisor', async () => {
    test.setTimeout(300_000);
    // Alice (SIP user agent-alice) answers a real queue call first, so the hub never offers it to Sam.
    const alice = await app('alice', world.webHost.openUrl, TONES.agent);
    await chooseAgentState(alice.ui, 'available');
    const customer = await party('13912345678', TONES.customer);
    const customerCall = await customer.call('1000');
    await alice.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
    await customer.waitForState(customerCall, 'active');

    const pbx = await party('spy-agent-alice', TONES.agent2, answerWithoutRfc4733);
    const sam = await app('sam', samsHost.openUrl, TONES.agent2);
    await sam.ui.getByTestId('open-supervisor').click();
    await sam.ui.getByRole('button', { name: "Monitor Alice Wang's current call" }).click({ timeout: 30_000 });

    const ringing = await pbx.waitForRinging();
    expect(ringing.remoteUser).toBe('agent-sam');
    const sessionId = ringing.headers?.[HEADER];
    expect(sessionId).toMatch(/^sup_/);
    const controls = sam.ui.getByTestId('call-controls').locator(`[data-session="${sessionId}"]`);
    await expect(controls.getByTestId('via-pbx')).toHaveText(/via the PBX/);
    await pbx.run('answer', ringing.id);
    await expect.poll(() => pbx.dtmfReceived(), { message: 'the monitor digit once the PBX answered', timeout: 20_000 }).toBe('4');

    // The radios follow the hub's answer, not the click, so the check is on the session's mode.
    await controls.getByTestId('mode-whisper').click();
    await expect(controls).toHaveAttribute('data-mode', 'whisper');
    await expect.poll(() => pbx.dtmfReceived(), { message: 'the whisper digit' }).toBe('45');
    await controls.getByTestId('mode-barge').click();
    await expect(controls).toHaveAttribute('data-mode', 'barge');
    await expect.poll(() => pbx.dtmfReceived(), { message: 'the barge digit' }).toBe('456');

    // Alice's phone got no notice and opened no leg: it has the customer's call only.
    await expect(alice.ui.getByTestId('call-card')).toHaveCount(1);

    await controls.getByTestId('end-supervision').click();
    await pbx.waitForState(ringing.id, 'ended');
    await expect(sam.ui.getByTestId('call-controls').locator('[data-session]')).toHaveCount(0);
    expect((await customer.calls()).find((c) => c.id === customerCall)?.state).toBe('active');

    // Again, and this time the PBX hangs up: Sam's phone ends the session through his console's link.
    await sam.ui.getByRole('tab', { name: /wallboard/i }).click();
    await sam.ui.getByRole('button', { name: "Monitor Alice Wang's current call" }).click();
    const again = await pbx.waitForCall((c) => c.state === 'ringing' && c.headers?.[HEADER] !== sessionId, 'a second PBX leg rings');
    await pbx.run('answer', again.id);
    await expect.poll(() => pbx.dtmfReceived(), { message: 'the monitor digit of the second session' }).toBe('4564');
    await expect(sam.ui.getByTestId('call-controls').locator('[data-session]')).toHaveCount(1);
    await pbx.run('hangup', again.id);
    await expect(sam.ui.getByTestId('call-controls').locator('[data-session]')).toHaveCount(0);

    const audit = new Database(join(world.hubDataDir, 'hub.sqlite'), { readonly: true });
    try {
      const session = audit.prepare('SELECT supervisor_id, agent_id, modes, ended_at, end_reason FROM supervision_sessions WHERE id = ?').get(sessionId) as Record<string, unknown>;
      expect(session).toMatchObject({ supervisor_id: 'agt_sam', agent_id: 'agt_alice', modes: '["monitor","whisper","barge"]', end_reason: 'ended by supervisor' });
      const trail = audit.prepare('SELECT action, detail FROM supervision_audit WHERE session_id = ? ORDER BY seq').all(sessionId);
      expect(trail).toEqual([
        { action: 'call.start', detail: 'monitor' },
        { action: 'call.pbx', detail: 'dial spy-agent-alice' },
        { action: 'call.mode', detail: 'whisper' },
        { action: 'call.mode', detail: 'barge' },
        { action: 'call.end', detail: 'ended by supervisor' },
      ]);
      const second = audit.prepare('SELECT modes, ended_at FROM supervision_sessions WHERE id = ?').get(again.headers?.[HEADER]) as Record<string, unknown>;
      expect(second.modes).toBe('["monitor"]');
      expect(second.ended_at).not.toBeNull();
    } finally {
      audit.close();
    }
  });
});
