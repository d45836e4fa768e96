/**
 * Callers wait instead of being turned away: with no agent free, a call from the carrier trunk is
 * held (ringback at the phone, the INVITE suspended in Kamailio) while the hub's routing decides,
 * reaches the agent the moment she is free, and is released politely past the queue's maximum
 * wait. The caller is a real baresip phone; alice is in the app.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { AgentApp } from './support/agent-app.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { HEARD_MARGIN_DB } from './support/sip-party.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';

const VOICE_DID = '+862150001234';

/** What the wallboard and queue metrics count: each queue visit's outcome, from the hub's store. */
function abandoned(world: PhoneAppWorld, queue: string): number {
  const db = new Database(join(world.hubDataDir, 'hub.sqlite'), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM queue_entries WHERE queue = ? AND outcome = 'abandoned'").get(queue) as { n: number }).n;
  } finally {
    db.close();
  }
}
const VIP_DID = '+862150005678';

test.describe('callers wait for an agent @pstn', () => {
  let world: PhoneAppWorld;
  let tones: Awaited<ReturnType<typeof makeToneFiles>>;
  const closers: Array<() => Promise<void>> = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    tones = await makeToneFiles();
    world = await startPhoneAppWorld({
      // The VIP queue lets a caller wait 3 seconds at most; the voice queue the default.
      hubEnv: { SIP_DIDS: `${VOICE_DID}=voice,${VIP_DID}=vip`, SIP_MAX_WAIT: 'vip=3,300', SIP_PROMPT_LANGUAGE: 'en' },
      trunk: { allow: ['127.0.0.1/32'] },
    });
  });
  test.afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  test.afterAll(async () => {
    await world?.stop();
  });

  async function phone(number: string): Promise<BaresipPhone> {
    const p = await BaresipPhone.start({ numbers: [number], tone: TONES.customer });
    closers.push(() => p.stop());
    return p;
  }
  const trunk = (): string => world.sip.trunkUri!.slice('sip:'.length);

  test('with nobody free the caller hears ringback and waits, then reaches the agent when she becomes available', async () => {
    test.setTimeout(150_000);
    const alice = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', 'sipjs', 'away:break');
    closers.push(() => alice.close());

    const customer = await phone('13900008888');
    await customer.dial(`sip:${VOICE_DID}@${trunk()}`);
    // Waiting, not cut off: the phone hears the greeting and hold audio that rtpengine plays (its own
    // recording is not silent), and nothing rings at alice's desk meanwhile.
    await expect.poll(() => customer.loudness(), { message: 'the waiting caller hears hold audio', timeout: 20_000 }).toBeGreaterThan(-40);
    expect(customer.events.map((e) => e.type)).not.toContain('CALL_CLOSED');
    await expect(alice.ui.getByTestId('incoming-call')).toHaveCount(0);

    await alice.setState('available');
    await alice.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 20_000 });
    await customer.waitForEvent('CALL_ESTABLISHED', 'alice answers the waiting caller');
    await alice.expectHearing(TONES.customer);
    await customer.expectHearing([TONES.agent], [TONES.customer, TONES.agent2], HEARD_MARGIN_DB);
    await customer.hangup();
    await expect(alice.ui.getByTestId('call-card')).toHaveCount(0);
  });

  test('past the queue\'s maximum wait the caller is released, not left hanging; a caller who gives up is let go', async () => {
    test.setTimeout(90_000);
    const patient = await phone('13900009999');
    await patient.dial(`sip:${VIP_DID}@${trunk()}`);
    // Before the release the caller hears the goodbye.
    await expect.poll(() => patient.loudness(), { message: 'the caller hears the goodbye', timeout: 20_000 }).toBeGreaterThan(-40);
    const closed = await patient.waitForEvent('CALL_CLOSED', 'released after the longest wait', 20_000);
    expect(closed.param).toContain('480');
    await expect.poll(() => abandoned(world, 'vip'), { message: 'the release counts as an abandon of the VIP queue' }).toBe(1);

    const impatient = await phone('13900009998');
    await impatient.dial(`sip:${VOICE_DID}@${trunk()}`);
    await expect.poll(() => impatient.loudness(), { message: 'the waiting caller hears hold audio', timeout: 20_000 }).toBeGreaterThan(-40);
    await impatient.hangup();
    await impatient.waitForEvent('CALL_CLOSED', 'the caller hung up');
    await expect.poll(() => abandoned(world, 'voice'), { message: 'the hang-up counts as an abandon of the voice queue' }).toBe(1);
  });
});
