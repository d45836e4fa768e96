/**
 * A supervisor listens to, whispers into and barges into a call from an ordinary phone: the customer is a real
 * baresip phone on the carrier trunk (plain RTP through rtpengine), alice and sam are in the apps.
 * The mix is made on alice's desktop, so what the phone hears comes back through rtpengine.
 * Tones: customer 440 Hz, alice 1000 Hz, sam 1500 Hz; the phone is judged by its own recording.
 */
import { expect, test } from '@playwright/test';
import { AgentApp } from './support/agent-app.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { HEARD_MARGIN_DB, SILENCE_DB } from './support/sip-party.js';
import { makeToneFiles, TONES as SIP_TONES } from './support/sip-tones.js';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process.js';
import { whoHearsWhomProblems, type Levels } from './support/who-hears-whom.js';

const DID = '+862150001234';
const TONES = { customer: SIP_TONES.customer, agent: SIP_TONES.agent, supervisor: SIP_TONES.agent2 } as const;
type Who = keyof typeof TONES;
const ALL = Object.values(TONES);

const EXPECTED: Record<'monitor' | 'whisper' | 'barge' | 'after', Record<Who, Who[]>> = {
  monitor: { customer: ['agent'], agent: ['customer'], supervisor: ['customer', 'agent'] },
  // Only alice hears sam: the phone's own recording must stay silent at sam's tone.
  whisper: { customer: ['agent'], agent: ['customer', 'supervisor'], supervisor: ['customer', 'agent'] },
  barge: { customer: ['agent', 'supervisor'], agent: ['customer', 'supervisor'], supervisor: ['customer', 'agent'] },
  after: { customer: ['agent'], agent: ['customer'], supervisor: [] },
};

for (const adapter of ['sipjs', 'jssip'] as const) {
  test.describe(`supervising a call from the carrier trunk [${adapter}] @pstn`, () => {
    let world: PhoneAppWorld;
    let samsHost: WebHostProcess;
    let tones: Awaited<ReturnType<typeof makeToneFiles>>;
    const closers: Array<() => Promise<void>> = [];

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      tones = await makeToneFiles();
      world = await startPhoneAppWorld({ hubEnv: { SIP_DIDS: `${DID}=voice` }, trunk: { allow: ['127.0.0.1/32'] } });
      samsHost = await startWebHostProcess({ hubUrl: world.hubUrl });
    });
    test.afterAll(async () => {
      for (const close of closers.splice(0).reverse()) await close();
      await samsHost?.stop();
      await world?.stop();
    });

    test('sam monitors, whispers to alice and barges into her call with a customer on a phone', async () => {
      test.setTimeout(240_000);
      const alice = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', adapter);
      closers.push(() => alice.close());
      // sam takes no calls himself, so the call goes to alice.
      const sam = await AgentApp.ready(tones.file(TONES.supervisor), samsHost.openUrl, 'sam', adapter, 'away:break');
      closers.push(() => sam.close());

      const customer = await BaresipPhone.start({ numbers: ['13900007777'], tone: TONES.customer });
      closers.push(() => customer.stop());
      await customer.dial(`sip:${DID}@${world.sip.trunkUri!.slice('sip:'.length)}`);
      await alice.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await customer.waitForEvent('CALL_ESTABLISHED', 'alice answers');

      const expectTable = async (label: keyof typeof EXPECTED): Promise<void> => {
        await expect
          .poll(
            async () => {
              const [phone, agent, supervisor] = await Promise.all([customer.levels(ALL), alice.played(), sam.played()]);
              const levels: Record<Who, Levels | null> = { customer: phone, agent, supervisor };
              return whoHearsWhomProblems(label, TONES, EXPECTED[label], levels, HEARD_MARGIN_DB, SILENCE_DB);
            },
            { message: `who hears whom in ${label}`, timeout: 25_000, intervals: [500] },
          )
          .toEqual([]);
      };
      await expectTable('after');

      await sam.ui.getByTestId('open-supervisor').click();
      const monitor = sam.ui.getByRole('button', { name: /Monitor Alice Wang's current call/ });
      await monitor.click({ timeout: 20_000 });
      const session = sam.ui.getByTestId('call-controls').locator('[data-session]');
      await expect(session).toHaveAttribute('data-mode', 'monitor');
      await expectTable('monitor');

      await sam.ui.getByTestId('mode-whisper').check();
      await expect(session).toHaveAttribute('data-mode', 'whisper');
      await expectTable('whisper');

      await sam.ui.getByTestId('mode-barge').check();
      await expect(session).toHaveAttribute('data-mode', 'barge');
      await expectTable('barge');

      await sam.ui.getByTestId('end-supervision').click();
      await expect(session).toHaveCount(0);
      await expectTable('after');

      await customer.hangup();
      await expect(alice.ui.getByTestId('call-card')).toHaveCount(0);
    });
  });
}
