/**
 * The trunk port faces the internet: only the carrier's addresses may send calls, a broken offer
 * is refused, and a flood from one address is dropped while the carrier's calls still go through.
 * 127.0.0.1 is the trusted carrier; 127.0.0.2 and 127.0.0.3 stand for other hosts.
 */
import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentApp } from './support/agent-app.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { pcmuOffer, RawSipSender, type RawSipTarget } from './support/raw-sip.js';
import { HEARD_MARGIN_DB } from './support/sip-party.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';

const DID = '+862150001234';

test.describe('the carrier edge @pstn', () => {
  let world: PhoneAppWorld;
  let logDir: string;
  let trunk: RawSipTarget;
  let tones: Awaited<ReturnType<typeof makeToneFiles>>;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    tones = await makeToneFiles();
    logDir = await mkdtemp(join(tmpdir(), 'switchboard-edge-'));
    world = await startPhoneAppWorld({
      hubEnv: { SIP_DIDS: `${DID}=voice` },
      trunk: { allow: ['127.0.0.1/32'] },
      kamailioLog: join(logDir, 'kamailio.log'),
    });
    const [host = '', port = ''] = world.sip.trunkUri!.slice('sip:'.length).split(':');
    trunk = { host, port: Number(port) };
  });
  test.afterAll(async () => {
    await world?.stop();
    await rm(logDir, { recursive: true, force: true });
  });

  test('an INVITE from an untrusted address is refused with 403 and logged; a broken offer from the carrier gets 488', async () => {
    const stranger = await RawSipSender.bind('127.0.0.2');
    const carrier = await RawSipSender.bind('127.0.0.1');
    try {
      expect(await stranger.ask(trunk, stranger.request(trunk, 'INVITE', DID, pcmuOffer('127.0.0.2')))).toBe(403);
      await expect.poll(async () => (await readFile(join(logDir, 'kamailio.log'), 'utf8')).includes('untrusted trunk request INVITE from 127.0.0.2')).toBe(true);

      expect(await carrier.ask(trunk, carrier.request(trunk, 'INVITE', DID, 'v=0\r\nthis is not an offer\r\nm=video x\r\n'))).toBe(488);
      expect(await carrier.ask(trunk, carrier.request(trunk, 'INVITE', DID))).toBe(488);
    } finally {
      stranger.close();
      carrier.close();
    }
  });

  test('a flood from one address is dropped (pike) while a call from the carrier still reaches the agent', async () => {
    test.setTimeout(120_000);
    const flooder = await RawSipSender.bind('127.0.0.3');
    let agent: AgentApp | undefined;
    const customer = await BaresipPhone.start({ numbers: ['13900002222'], tone: TONES.customer });
    try {
      const sent = 200;
      const answered = await flooder.countAnswers(async () => {
        for (let i = 0; i < sent; i++) flooder.send(trunk, flooder.request(trunk, 'OPTIONS', DID));
      });
      // Pike let the first few be refused, then stopped answering that address at all.
      expect(answered).toBeGreaterThan(0);
      expect(answered).toBeLessThan(sent / 2);
      expect(await flooder.ask(trunk, flooder.request(trunk, 'INVITE', DID, pcmuOffer('127.0.0.3')), 1500)).toBeNull();
      await expect.poll(async () => (await readFile(join(logDir, 'kamailio.log'), 'utf8')).includes('flood from untrusted trunk address 127.0.0.3')).toBe(true);

      agent = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', 'sipjs');
      await customer.dial(`sip:${DID}@${trunk.host}:${trunk.port}`);
      await agent.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await customer.waitForEvent('CALL_ESTABLISHED', 'the agent answers');
      await agent.expectHearing(TONES.customer);
      await customer.expectHearing([TONES.agent], [TONES.customer, TONES.agent2], HEARD_MARGIN_DB);
      await customer.hangup();
      await expect(agent.ui.getByTestId('call-card')).toHaveCount(0);
    } finally {
      flooder.close();
      await customer.stop();
      await agent?.close();
    }
  });
});
