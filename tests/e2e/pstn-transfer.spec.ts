/**
 * Attended transfer of a call from an ordinary phone. The customer is a real baresip phone on the
 * carrier trunk, which accepts a REFER but never sends an INVITE with Replaces, like many phones
 * and carriers. So Kamailio re-targets the customer's leg: the REFER's Refer-To becomes a one-time
 * name at the trunk listener, the phone simply calls it, and Kamailio delivers that call to the
 * consulted agent with the Replaces her phone needs to take it in place of the consultation. The
 * hub moves the voice conversation to her. Tones: customer 440 Hz, alice 1000 Hz, bob 1500 Hz.
 */
import { expect, test } from '@playwright/test';
import { AgentApp } from './support/agent-app.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { HEARD_MARGIN_DB } from './support/sip-party.js';
import { makeToneFiles, TONES as SIP_TONES } from './support/sip-tones.js';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process.js';

const DID = '+862150001234';
const TONES = { customer: SIP_TONES.customer, alice: SIP_TONES.agent, bob: SIP_TONES.agent2 } as const;

for (const adapter of ['sipjs', 'jssip'] as const) {
  test.describe(`attended transfer of a trunk call [${adapter}] @pstn`, () => {
    let world: PhoneAppWorld;
    let bobsHost: WebHostProcess;
    let tones: Awaited<ReturnType<typeof makeToneFiles>>;
    const closers: Array<() => Promise<void>> = [];

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      tones = await makeToneFiles();
      world = await startPhoneAppWorld({ hubEnv: { SIP_DIDS: `${DID}=voice` }, trunk: { allow: ['127.0.0.1/32'] } });
      bobsHost = await startWebHostProcess({ hubUrl: world.hubUrl });
    });
    test.afterAll(async () => {
      for (const close of closers.splice(0).reverse()) await close();
      await bobsHost?.stop();
      await world?.stop();
    });

    test('alice consults bob and transfers: the caller talks with bob, alice is free, the conversation is bob\'s', async () => {
      test.setTimeout(240_000);
      const alice = await AgentApp.ready(tones.file(TONES.alice), world.webHost.openUrl, 'alice', adapter);
      closers.push(() => alice.close());
      // bob serves no voice queue: the customer's call goes to alice.
      const bob = await AgentApp.ready(tones.file(TONES.bob), bobsHost.openUrl, 'bob', adapter);
      closers.push(() => bob.close());

      const customer = await BaresipPhone.start({ numbers: ['13900008888'], tone: TONES.customer });
      closers.push(() => customer.stop());
      await customer.dial(`sip:${DID}@${world.sip.trunkUri!.slice('sip:'.length)}`);
      await alice.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await customer.waitForEvent('CALL_ESTABLISHED', 'alice answers');
      await alice.expectHearing(TONES.customer);

      // alice consults bob (the caller waits on hold) …
      const card = alice.ui.getByTestId('call-card').first();
      await card.getByTestId('call-transfer-open').click();
      await card.getByTestId('transfer-target').fill('agent-bob');
      await card.getByTestId('transfer-consult').click();
      await bob.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await expect(alice.ui.getByTestId('call-card')).toHaveCount(2);
      await bob.expectHearing(TONES.alice);

      // … and completes the transfer.
      await alice.ui.getByTestId('transfer-complete').click();

      // alice is out of the call and free.
      await expect(alice.ui.getByTestId('call-card')).toHaveCount(0, { timeout: 30_000 });
      // The phone called the name Kamailio gave it: a new call, which bob's phone took in place of the
      // consultation (one call card, answered without a click).
      await customer.waitForEvent('CALL_ESTABLISHED', 'the phone\'s call to the transfer target is answered', 30_000, (e) => e.peeruri?.includes('xfer.') ?? false);
      const bobsCard = bob.ui.getByTestId('call-card');
      await expect(bobsCard).toHaveCount(1, { timeout: 20_000 });
      await expect(bobsCard).toHaveAttribute('data-call-state', 'active');

      // Each hears the other, and alice is heard by neither.
      await bob.expectHearing(TONES.customer);
      await customer.expectHearing([TONES.bob], [TONES.customer, TONES.alice], HEARD_MARGIN_DB);

      // The call is the customer's voice conversation, now bob's: named in the INVITE, opened beside the call.
      await bobsCard.getByTestId('call-conversation').click();
      await expect(bob.ui.getByTestId('messages')).toContainText('Call transferred to Bob Li', { timeout: 15_000 });

      await customer.hangup();
      await expect(bobsCard).toHaveCount(0, { timeout: 20_000 });
    });
  });
}
