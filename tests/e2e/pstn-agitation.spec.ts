/**
 * Voice agitation on a call from an ordinary phone: a real baresip phone on the carrier trunk
 * (plain RTP, G.711 through rtpengine) plays a caller who starts calm and turns loud and agitated
 * (a sox-made WAV). alice's phone engine scores what it hears, as on WebRTC calls, and the hub
 * raises the same alert: the banner on the call's conversation, marked as heard on the call.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AgentApp } from './support/agent-app.js';
import { makeAgitatedCallerWav } from './support/agitated-caller-wav.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';

const DID = '+862150001234';
/** Long enough for the monitor to learn the caller's calm (two 4 s windows) with time to spare. */
const CALM_SECONDS = 20;

for (const adapter of ['sipjs', 'jssip'] as const) {
  test.describe(`voice agitation on a trunk call [${adapter}] @pstn`, () => {
    let world: PhoneAppWorld;
    let tones: Awaited<ReturnType<typeof makeToneFiles>>;
    let audioDir: string;
    let callerAudio: string;
    const closers: Array<() => Promise<void>> = [];

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      tones = await makeToneFiles();
      audioDir = await mkdtemp(join(tmpdir(), 'switchboard-agitated-'));
      callerAudio = await makeAgitatedCallerWav(audioDir, CALM_SECONDS, 90);
      world = await startPhoneAppWorld({ hubEnv: { SIP_DIDS: `${DID}=voice` }, trunk: { allow: ['127.0.0.1/32'] } });
    });
    test.afterAll(async () => {
      for (const close of closers.splice(0).reverse()) await close();
      await world?.stop();
      await rm(audioDir, { recursive: true, force: true });
    });

    test('a caller on a phone who turns agitated raises the voice-agitation alert for the agent', async () => {
      test.setTimeout(180_000);
      const alice = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', adapter);
      closers.push(() => alice.close());
      const customer = await BaresipPhone.start({ numbers: ['13900009999'], tone: TONES.customer, audioFile: callerAudio });
      closers.push(() => customer.stop());

      await customer.dial(`sip:${DID}@${world.sip.trunkUri!.slice('sip:'.length)}`);
      await alice.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await customer.waitForEvent('CALL_ESTABLISHED', 'alice answers');
      await alice.ui.getByTestId('call-card').getByTestId('call-conversation').click();
      const alert = alice.ui.getByTestId('agent-alert');
      // While the caller is calm, nothing is raised.
      await expect(alice.ui.getByTestId('messages')).toBeVisible();
      await expect(alert).toHaveCount(0);

      // Then the caller turns loud and agitated: the same alert as on a WebRTC call.
      await expect(alert).toHaveAttribute('data-reason', 'voice-agitation', { timeout: 90_000 });
      await expect(alert).toContainText('The caller sounds very agitated');
      await expect(alert).toContainText('Heard in the tone of the call');

      await customer.hangup();
      await expect(alice.ui.getByTestId('call-card')).toHaveCount(0);
    });
  });
}
