/**
 * The softphone inside the real app, per SIP adapter: a real hub with telephony, a real Kamailio
 * that asks it where queue calls go, the real web host, the agent's workspace in Chromium with
 * its phone page, and a customer in a second Chromium. Tones: customer 440 Hz, agent 1000 Hz.
 */
import { expect, test } from '@playwright/test';
import { AgentApp } from './support/agent-app.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { Party } from './support/sip-party.js';
import { expectNoSeriousA11yViolations } from './support/workspace-axe.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';
import { chooseAgentState } from './support/desk.js';

/** The demo hub's voice queue number, and a caller the hub can file under a phone identity. */
const VOICE_QUEUE = '1000';
const CUSTOMER_NUMBER = '13912345678';
/** All-digit targets are queue numbers to this Kamailio (no carrier here), so the callee is a SIP user. */
const SECOND_PARTY = 'callee-2';

for (const adapter of ['sipjs', 'jssip'] as const) {
  test.describe(`phone in the app [${adapter}] @softphone`, () => {
    let world: PhoneAppWorld;
    let tones: Awaited<ReturnType<typeof makeToneFiles>>;
    const closers: Array<() => Promise<void>> = [];

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      tones = await makeToneFiles();
      world = await startPhoneAppWorld();
    });
    test.afterEach(async () => {
      for (const close of closers.splice(0).reverse()) await close();
    });
    test.afterAll(async () => {
      await world?.stop();
    });

    async function signedInAgent(): Promise<AgentApp> {
      const agent = await AgentApp.launch(tones.file(TONES.agent));
      closers.push(() => agent.close());
      await agent.signIn(world.webHost.openUrl, 'alice', adapter);
      await chooseAgentState(agent.ui, 'available');
      await expect(agent.ui.getByTestId('agent-name')).toHaveAttribute('data-state', 'available');
      await agent.expectRegistered();
      return agent;
    }

    async function party(sipUser: string, tone: number): Promise<Party> {
      const p = await Party.launch(world.partyRig, adapter, sipUser, tone, tones.file(tone));
      closers.push(() => p.close());
      await p.register();
      return p;
    }

    test('a queue call rings in the app, is answered, is the customer\'s voice conversation, and survives a UI reload', async () => {
      test.setTimeout(180_000);
      const agent = await signedInAgent();
      const customer = await party(CUSTOMER_NUMBER, TONES.customer);

      const customerCall = await customer.call(VOICE_QUEUE);
      const ringing = agent.ui.getByTestId('incoming-call');
      await expect(ringing).toContainText(CUSTOMER_NUMBER, { timeout: 30_000 });
      await expectNoSeriousA11yViolations(agent.ui, 'ringing call');
      await ringing.getByTestId('call-accept').click();

      await customer.waitForState(customerCall, 'active');
      const card = agent.ui.getByTestId('call-card');
      await expect(card).toHaveAttribute('data-call-state', 'active');
      await expect(card.getByTestId('call-timer')).toBeVisible();
      await customer.expectHearing(customerCall, TONES.agent);
      await agent.expectHearing(TONES.customer);

      // The call is a voice conversation of the customer, opened beside it.
      await expect(card.getByTestId('call-conversation')).toBeVisible();
      await expect(agent.ui.getByTestId('inbox-row').filter({ has: agent.ui.locator('.channel-voice') }).first()).toBeVisible();
      await expect(agent.ui.getByTestId('identities')).toContainText(CUSTOMER_NUMBER.slice(1));

      // Reloading the workspace leaves the call to the phone page.
      await agent.ui.reload();
      await expect(agent.ui.getByTestId('agent-name')).toBeVisible();
      await expect(agent.ui.getByTestId('call-card')).toHaveAttribute('data-call-state', 'active', { timeout: 20_000 });
      await customer.expectHearing(customerCall, TONES.agent);
      expect((await customer.calls()).find((c) => c.id === customerCall)?.state).toBe('active');

      await agent.ui.getByTestId('call-card').getByTestId('call-hangup').click();
      await customer.waitForState(customerCall, 'ended');
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(0);
    });

    test('attended transfer from the call card: consult a colleague, then connect the customer', async () => {
      test.setTimeout(150_000);
      const agent = await signedInAgent();
      const customer = await party(CUSTOMER_NUMBER, TONES.customer);
      const colleague = await party('helper-2', TONES.agent2);

      const customerCall = await customer.call(VOICE_QUEUE);
      await agent.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await customer.waitForState(customerCall, 'active');

      const card = agent.ui.getByTestId('call-card');
      await card.getByTestId('call-transfer-open').click();
      await card.getByTestId('transfer-target').fill('helper-2');
      await card.getByTestId('transfer-consult').click();
      const consult = await colleague.waitForRinging();
      await colleague.run('answer', consult.id);
      // The customer waits on hold while the agent talks to the colleague.
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(2);
      await customer.expectSilence(customerCall, TONES.agent);
      await colleague.expectHearing(consult.id, TONES.agent);

      await agent.ui.getByTestId('transfer-complete').click();
      const transferred = await customer.waitForCall((c) => c.state === 'active' && c.id !== customerCall, 'the customer is connected on');
      await customer.expectHearing(transferred.id, TONES.agent2);
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(0);
    });

    test('the agent dials from the dialpad by typing, and mute, DTMF and hold work from the call card', async () => {
      test.setTimeout(120_000);
      const agent = await signedInAgent();
      const callee = await party(SECOND_PARTY, TONES.customer);

      await agent.ui.getByTestId('toggle-dialpad').click();
      await agent.ui.getByTestId('dial-input').pressSequentially(SECOND_PARTY);
      await agent.ui.getByTestId('dial-input').press('Enter');
      const ringing = await callee.waitForRinging();
      await expect(agent.ui.getByTestId('call-card')).toHaveAttribute('data-call-state', 'dialing');
      await callee.run('answer', ringing.id);
      await expect(agent.ui.getByTestId('call-card')).toHaveAttribute('data-call-state', 'active');
      await callee.expectHearing(ringing.id, TONES.agent);
      await agent.expectHearing(TONES.customer);

      await agent.ui.getByTestId('call-mute').click();
      await callee.expectSilence(ringing.id, TONES.agent);
      await agent.ui.getByTestId('call-mute').click();
      await callee.expectHearing(ringing.id, TONES.agent);

      // Keys on the call's keypad go out as RFC 4733 DTMF (a browser cannot observe received
      // RFC 4733 events; softphone.spec proves delivery over SIP INFO). Typing a digit presses it.
      await agent.ui.getByTestId('call-keypad').click();
      await agent.ui.getByTestId('dtmf-keys').getByRole('button', { name: /5/ }).click();
      await agent.ui.getByTestId('dtmf-keys').getByRole('button', { name: /#/ }).press('7');
      await expect(agent.ui.getByTestId('dtmf-sent')).toContainText('57');

      await agent.ui.getByTestId('call-transfer-open').click();
      await expectNoSeriousA11yViolations(agent.ui, 'call card with keypad and transfer');
      await expectNoSeriousA11yViolations(agent.phone, 'phone page');

      await agent.ui.getByTestId('call-hold').click();
      await expect(agent.ui.getByTestId('call-card')).toHaveAttribute('data-held', 'true');
      await callee.expectSilence(ringing.id, TONES.agent);
      await agent.ui.getByTestId('call-hold').click();
      await callee.expectHearing(ringing.id, TONES.agent);

      await callee.run('hangup', ringing.id);
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(0);
    });
  });
}
