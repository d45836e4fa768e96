/**
 * Queued callback: a caller waiting for a busy queue presses 1 (RFC 4733, reported by rtpengine),
 * hears the confirmation and is let go; the callback keeps their place in the queue, shows in the
 * inbox and in the queue figures the wallboard shows, and when an agent accepts it her phone dials
 * the customer through the carrier's gateway. The customer is one real baresip phone: it calls in
 * through the trunk, and is the number the gateway delivers the callback to.
 */
import { expect, test } from '@playwright/test';
import { AgentApp } from './support/agent-app.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { HEARD_MARGIN_DB } from './support/sip-party.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';

const VOICE_DID = '+862150001234';
const CUSTOMER = '+8613900006666';
const SITE_CALLER_ID = '+862150009999';

test.describe('queued callback @pstn', () => {
  let world: PhoneAppWorld;
  let customer: BaresipPhone;
  let tones: Awaited<ReturnType<typeof makeToneFiles>>;
  const closers: Array<() => Promise<void>> = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    tones = await makeToneFiles();
    // The customer's phone answers calls to its number: the carrier's gateway delivers the callback there.
    customer = await BaresipPhone.start({ numbers: [CUSTOMER], tone: TONES.customer, autoAnswer: true, logPrefix: 'customer' });
    world = await startPhoneAppWorld({
      hubEnv: { SIP_DIDS: `${VOICE_DID}=voice`, SIP_PROMPT_LANGUAGE: 'en' },
      trunk: { allow: ['127.0.0.1/32'], gateways: [customer.hostUri], callerId: SITE_CALLER_ID },
    });
  });
  test.afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  test.afterAll(async () => {
    await world?.stop();
    await customer?.stop();
  });

  async function queueFigures(): Promise<{ waiting: number; callbacks?: number }> {
    const login = (await (await fetch(`${world.hubUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sam', password: 'switchboard' }) })).json()) as { token: string };
    const answer = (await (await fetch(`${world.hubUrl}/api/queues/metrics`, { headers: { authorization: `Bearer ${login.token}` } })).json()) as { queues: Array<{ queue: string; waiting: number; callbacks?: number }> };
    return answer.queues.find((q) => q.queue === 'voice')!;
  }

  test('the waiting caller presses 1 and hangs up; the agent accepts the callback and her phone dials him', async () => {
    test.setTimeout(180_000);
    const alice = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', 'sipjs', 'away:break');
    closers.push(() => alice.close());

    await customer.dial(`sip:${VOICE_DID}@${world.sip.trunkUri!.slice('sip:'.length)}`);
    await expect.poll(() => customer.loudness(), { message: 'the waiting caller hears the prompts', timeout: 20_000 }).toBeGreaterThan(-40);
    await customer.press('1');
    // The confirmation, then the phone is let go: nobody holds on the line for the callback.
    const closed = await customer.waitForEvent('CALL_CLOSED', 'the caller is let go after choosing a callback', 30_000);
    expect(closed.param).toContain('480');

    // The callback waits in the queue in the caller's place: in alice's inbox, and in the figures of the wallboard.
    const row = alice.ui.getByTestId('inbox-row').filter({ has: alice.ui.getByTestId('callback-badge') });
    await expect(row).toHaveCount(1, { timeout: 15_000 });
    await expect(row.getByTestId('callback-badge')).toContainText(CUSTOMER);
    await expect.poll(queueFigures, { message: 'the wallboard counts the callback as waiting' }).toMatchObject({ waiting: 1, callbacks: 1 });
    // It outlasts anything the caller would have waited on the line, and nobody rings meanwhile.
    await expect(alice.ui.getByTestId('incoming-call')).toHaveCount(0);

    // Alice becomes free: the callback is offered to her like a chat; accepting it dials the customer.
    await alice.setState('available');
    const offer = alice.ui.locator('[data-testid="offer"][data-callback="true"]');
    await expect(offer).toBeVisible({ timeout: 20_000 });
    await expect(offer).toContainText(CUSTOMER);
    const before = customer.events.length;
    await offer.getByTestId('offer-accept').click();
    const callback = await customer.waitForEvent('CALL_ESTABLISHED', 'the customer is called back', 30_000, (e) => customer.events.indexOf(e) >= before);
    expect(callback.peeruri).toContain(SITE_CALLER_ID);
    await expect(alice.ui.getByTestId('call-card')).toHaveAttribute('data-call-state', 'active', { timeout: 20_000 });
    await alice.expectHearing(TONES.customer);
    await customer.expectHearing([TONES.agent], [TONES.customer, TONES.agent2], HEARD_MARGIN_DB);

    // The call back is the callback's own conversation, open beside the call.
    await expect(alice.ui.getByTestId('messages')).toContainText('Calling the customer back');
    await expect.poll(queueFigures).toMatchObject({ waiting: 0 });
    await alice.ui.getByTestId('call-card').getByTestId('call-hangup').click();
    await customer.waitForEvent('CALL_CLOSED', 'the call back ends', 15_000, (e) => customer.events.indexOf(e) > customer.events.indexOf(callback));
  });
});
