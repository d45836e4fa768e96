/**
 * Customers on ordinary phones: a real baresip (plain RTP, G.711) calls through the carrier trunk
 * into Kamailio, rtpengine anchors its media to the agent's WebRTC phone in the real app, and the
 * agent calls customers back through a gateway (a second baresip). Tones: customer 440 Hz, agent
 * 1000 Hz; baresip's own recording of what it hears judges the carrier side.
 */
import { expect, test } from '@playwright/test';
import { freePort } from '../../src/host/telephony/free-port';
import { AgentApp } from './support/agent-app.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { HEARD_MARGIN_DB, Party } from './support/sip-party.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';

/** The site's DID for the voice queue, as the carrier sends it (national format) and as configured (E.164). */
const DID_NATIONAL = '02150001234';
const DID_E164 = '+862150001234';
/** The demo customer 张伟 (VIP), as the carrier presents his caller ID. */
const CUSTOMER_CALLER_ID = '013800138000';
const SITE_CALLER_ID = '+862150009999';
const OTHER_TONES = [TONES.agent2];

for (const adapter of ['sipjs', 'jssip'] as const) {
  test.describe(`customers on phones through the trunk [${adapter}] @pstn`, () => {
    let world: PhoneAppWorld;
    let gateway: BaresipPhone;
    let tones: Awaited<ReturnType<typeof makeToneFiles>>;
    const closers: Array<() => Promise<void>> = [];

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      tones = await makeToneFiles();
      // The carrier's gateway answers whatever number it is asked for (its accounts list them).
      gateway = await BaresipPhone.start({ numbers: ['+8613900001111', '+8613800138000'], tone: TONES.customer, autoAnswer: true, logPrefix: 'gateway' });
      // The first gateway is down (nothing listens there): calls fail over to the second.
      const deadGateway = `sip:127.0.0.1:${await freePort()}`;
      world = await startPhoneAppWorld({
        hubEnv: { SIP_DIDS: `${DID_E164}=voice`, SIP_DEFAULT_COUNTRY: 'CN' },
        trunk: { allow: ['127.0.0.1/32'], gateways: [deadGateway, gateway.hostUri], callerId: SITE_CALLER_ID },
      });
    });
    test.afterEach(async () => {
      for (const close of closers.splice(0).reverse()) await close();
    });
    test.afterAll(async () => {
      await world?.stop();
      await gateway?.stop();
    });

    async function signedInAgent(): Promise<AgentApp> {
      const agent = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', adapter);
      closers.push(() => agent.close());
      return agent;
    }

    /** The phone calls the DID and the agent accepts the ringing call in the app. */
    async function answerTrunkCall(agent: AgentApp, customer: BaresipPhone): Promise<void> {
      await customer.dial(`sip:${DID_E164}@${world.sip.trunkUri!.slice('sip:'.length)}`);
      await agent.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await customer.waitForEvent('CALL_ESTABLISHED', 'the agent answers');
    }

    /** A colleague's phone (sip.js/JsSIP harness page), registered. */
    async function colleaguePhone(sipUser: string): Promise<Party> {
      const colleague = await Party.launch(world.partyRig, adapter, sipUser, TONES.agent2, tones.file(TONES.agent2));
      closers.push(() => colleague.close());
      await colleague.register();
      return colleague;
    }

    async function customerPhone(number: string): Promise<BaresipPhone> {
      const phone = await BaresipPhone.start({ numbers: [number], tone: TONES.customer });
      closers.push(() => phone.stop());
      return phone;
    }

    test('a call to the DID rings in the app, is answered, each side hears the other, and the agent calls back from the 360', async () => {
      test.setTimeout(150_000);
      const agent = await signedInAgent();
      const customer = await customerPhone(CUSTOMER_CALLER_ID);

      await customer.dial(`sip:${DID_NATIONAL}@${world.sip.trunkUri!.slice('sip:'.length)}`);
      const ringing = agent.ui.getByTestId('incoming-call');
      await expect(ringing).toBeVisible({ timeout: 30_000 });
      // The ringing toast names the caller by his number and says it matches a known customer, unproven
      // (a caller ID proves nothing; the agent may not see that customer's record before a merge).
      await expect(ringing.getByTestId('caller-name')).toHaveText('+8613800138000');
      await expect(ringing.getByTestId('caller-likely')).toContainText('not verified');
      // His VIP tag is shown too, marked as claimed by the number.
      await expect(ringing.getByTestId('caller-vip')).toHaveText('VIP (unverified)');
      await expect(ringing.getByTestId('caller-vip')).toHaveAttribute('data-unverified', 'true');
      await ringing.getByTestId('call-accept').click();
      await customer.waitForEvent('CALL_ESTABLISHED', 'the agent answers');
      await expect(agent.ui.getByTestId('call-card')).toHaveAttribute('data-call-state', 'active');

      await agent.expectHearing(TONES.customer);

      // The call is the known customer's voice conversation (his number, normalised, is his identity),
      // named by Kamailio in the INVITE and opened beside the call.
      await expect(agent.ui.getByTestId('call-card').getByTestId('call-conversation')).toBeVisible();
      await expect(agent.ui.getByTestId('identities')).toContainText('+8613800138000');

      await agent.ui.getByTestId('call-card').getByTestId('call-hangup').click();
      await customer.waitForEvent('CALL_CLOSED', 'the call ends at the phone');
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(0);

      // Click-to-dial beside his number in the 360 reaches him through the carrier's gateway.
      const before = gateway.events.length;
      await agent.ui.getByTestId('customer-call').first().click();
      const callback = await gateway.waitForEvent('CALL_ESTABLISHED', 'the call back reaches the gateway', 30_000, (e) => gateway.events.indexOf(e) >= before);
      expect(callback.peeruri).toContain(SITE_CALLER_ID);
      await expect(agent.ui.getByTestId('call-card').getByTestId('call-conversation')).toBeVisible();
      await gateway.expectHearing([TONES.agent], [TONES.customer, ...OTHER_TONES], HEARD_MARGIN_DB);
      await agent.ui.getByTestId('call-card').getByTestId('call-hangup').click();
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(0);
    });

    test('on a trunk call the agent mutes, sends DTMF to the carrier, holds and resumes from the call card', async () => {
      test.setTimeout(150_000);
      const agent = await signedInAgent();
      const customer = await customerPhone('13900003333');
      await answerTrunkCall(agent, customer);
      const card = agent.ui.getByTestId('call-card');
      await customer.expectHearing([TONES.agent], [TONES.customer, ...OTHER_TONES], HEARD_MARGIN_DB);

      await card.getByTestId('call-mute').click();
      await expect.poll(async () => (await customer.levels([TONES.agent]))?.[TONES.agent] ?? 0, { message: 'the phone no longer hears the agent' }).toBeLessThan(-60);
      await card.getByTestId('call-mute').click();
      await customer.expectHearing([TONES.agent], [TONES.customer, ...OTHER_TONES], HEARD_MARGIN_DB);

      // Keys pressed on the call's keypad reach the carrier as RFC 4733 events, through rtpengine.
      await card.getByTestId('call-keypad').click();
      const received = (): string => customer.events.filter((e) => e.type === 'CALL_DTMF_START').map((e) => e.param).join('');
      await agent.ui.getByTestId('dtmf-keys').getByRole('button', { name: /3/ }).click();
      await expect.poll(received, { message: 'the phone receives the first digit' }).toBe('3');
      await agent.ui.getByTestId('dtmf-keys').getByRole('button', { name: /#/ }).click();
      await expect.poll(received, { message: 'the phone receives the second digit' }).toBe('3#');

      // Keys the caller presses reach the hub through rtpengine's DTMF reports (a browser cannot see
      // them) and show in the call's conversation.
      await customer.press('1');
      await expect(agent.ui.getByTestId('messages')).toContainText('Caller pressed 1', { timeout: 15_000 });

      // Hold and resume are re-INVITEs through rtpengine both ways: the agent stops and starts hearing the caller.
      await card.getByTestId('call-hold').click();
      await expect(card).toHaveAttribute('data-held', 'true');
      await expect.poll(async () => (await agent.played([TONES.customer]))?.[String(TONES.customer)] ?? -200, { message: 'the held caller is not heard' }).toBeLessThan(-70);
      await card.getByTestId('call-hold').click();
      await expect(card).toHaveAttribute('data-held', 'false');
      await agent.expectHearing(TONES.customer);

      await customer.hangup();
      await expect(card).toHaveCount(0);
    });

    test('the agent transfers a trunk call to a colleague: the carrier calls the colleague back through the trunk', async () => {
      test.setTimeout(150_000);
      const agent = await signedInAgent();
      const colleague = await colleaguePhone('helper-2');
      const customer = await customerPhone('13900004444');
      await answerTrunkCall(agent, customer);

      const card = agent.ui.getByTestId('call-card');
      await card.getByTestId('call-transfer-open').click();
      await card.getByTestId('transfer-target').fill('helper-2');
      await card.getByTestId('transfer-blind').click();
      const ringing = await colleague.waitForRinging();
      await colleague.run('answer', ringing.id);
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(0);
      await colleague.expectHearing(ringing.id, TONES.customer);
      await customer.expectHearing([TONES.agent2], [TONES.customer, TONES.agent], HEARD_MARGIN_DB);
      await customer.hangup();
      await colleague.waitForState(ringing.id, 'ended');
    });

    test('a 3-way conference with a caller on a phone: the colleague hears the caller and the agent', async () => {
      test.setTimeout(150_000);
      const agent = await signedInAgent();
      const colleague = await colleaguePhone('helper-3');
      const customer = await customerPhone('13900004545');
      await answerTrunkCall(agent, customer);

      // The agent consults the colleague (the caller waits on hold), then joins all three.
      const card = agent.ui.getByTestId('call-card').first();
      await card.getByTestId('call-transfer-open').click();
      await card.getByTestId('transfer-target').fill('helper-3');
      await card.getByTestId('transfer-consult').click();
      const consult = await colleague.waitForRinging();
      await colleague.run('answer', consult.id);
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(2);
      await agent.ui.getByTestId('call-conference').first().click();
      // The mix is made on the agent's desktop: the caller's audio, carried by rtpengine, reaches
      // the colleague with the agent's. (baresip stops recording after a re-INVITE, so the phone's
      // side is judged before the hold, in the other tests.)
      await colleague.expectTones(consult.id, [TONES.customer, TONES.agent], [TONES.agent2]);
      await customer.hangup();
      await colleague.run('hangup', consult.id);
    });

    test('the agent dials a customer from the dialpad: the call leaves through the first gateway that answers, with the site\'s caller ID', async () => {
      test.setTimeout(150_000);
      const agent = await signedInAgent();
      await agent.ui.getByTestId('toggle-dialpad').click();
      await agent.ui.getByTestId('dial-input').pressSequentially('13900001111');

      const before = gateway.events.length;
      await agent.ui.getByTestId('dial-input').press('Enter');
      const incoming = await gateway.waitForEvent('CALL_ESTABLISHED', 'the gateway takes the call', 30_000, (e) => gateway.events.indexOf(e) >= before);
      expect(incoming.peeruri).toContain(SITE_CALLER_ID);
      await expect(agent.ui.getByTestId('call-card')).toHaveAttribute('data-call-state', 'active', { timeout: 20_000 });
      // The hub filed the call under the customer's voice conversation, which opens beside it.
      await expect(agent.ui.getByTestId('call-card').getByTestId('call-conversation')).toBeVisible();
      await agent.expectHearing(TONES.customer);
      await gateway.expectHearing([TONES.agent], [TONES.customer, ...OTHER_TONES], HEARD_MARGIN_DB);

      await agent.ui.getByTestId('call-card').getByTestId('call-hangup').click();
      await gateway.waitForEvent('CALL_CLOSED', 'the call ends at the gateway');
    });
  });
}

test.describe('the screen pop of a known customer\'s number, with his history @pstn', () => {
  let world: PhoneAppWorld;
  let tones: Awaited<ReturnType<typeof makeToneFiles>>;
  const closers: Array<() => Promise<void>> = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    tones = await makeToneFiles();
    // The demo desk: 张伟 (VIP) has earlier contacts on several channels.
    world = await startPhoneAppWorld({ hubEnv: { SIP_DIDS: `${DID_E164}=voice`, SIP_DEFAULT_COUNTRY: 'CN' }, trunk: { allow: ['127.0.0.1/32'] }, demoDesk: true });
  });
  test.afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await world?.stop();
  });

  test('the ringing toast shows the likely customer\'s name, VIP tag (unverified) and last contact', async () => {
    test.setTimeout(150_000);
    const agent = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', 'sipjs');
    closers.push(() => agent.close());
    const customer = await BaresipPhone.start({ numbers: [CUSTOMER_CALLER_ID], tone: TONES.customer });
    closers.push(() => customer.stop());
    await customer.dial(`sip:${DID_NATIONAL}@${world.sip.trunkUri!.slice('sip:'.length)}`);
    const ringing = agent.ui.getByTestId('incoming-call');
    await expect(ringing).toBeVisible({ timeout: 30_000 });
    await expect(ringing.getByTestId('caller-likely')).toContainText('张伟');
    await expect(ringing.getByTestId('caller-vip')).toHaveText('VIP (unverified)');
    await expect(ringing.getByTestId('caller-last-contact')).toContainText(/^Last contact .+: \S/);
    await customer.hangup();
    await expect(ringing).toHaveCount(0, { timeout: 20_000 });
  });
});
