/**
 * RFC 4475 torture messages delivered to the phone engine over its own
 * WebSocket transport, for both adapters. The engine must not crash, must not
 * create or answer calls from invalid messages, must leave no call in a false
 * state, and must still work afterwards.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { harnessDir } from './support/sip-suite.js';
import { callIdOf, loadTortureCases, TortureServer, type TortureCase } from './support/sip-torture-server.js';
import type {} from '../harness/pages/phone/harness-api.js';
import { serveHarness } from './support/sip-rig.js';

for (const adapter of ['sipjs', 'jssip'] as const) {
  test(`RFC 4475 torture messages do not break the ${adapter} engine @softphone`, async () => {
    test.setTimeout(60_000);
    const cases = await loadTortureCases();
    expect(cases).toHaveLength(49);
    const server = await TortureServer.start();
    const statics = await serveHarness(await harnessDir());
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      const page: Page = await browser.newPage();
      const crashes: string[] = [];
      page.on('pageerror', (error) => crashes.push(error.message));
      page.on('crash', () => crashes.push('renderer crashed'));
      await page.goto(`${statics.url}?adapter=${adapter}`);
      await page.evaluate(
        (wsUrl) => window.phone.register({ wsUrl, uri: 'sip:agent-1@example.com', authorizationUsername: 'agent-1', password: 'x' }),
        server.url,
      );

      const outcome = new Map<string, { case: TortureCase; responses: string[] }>();
      for (const tortureCase of cases) {
        server.send(tortureCase.bytes);
        await page.waitForTimeout(120);
      }
      await page.waitForTimeout(1500);
      for (const tortureCase of cases) {
        const callId = callIdOf(tortureCase.bytes.toString('latin1'));
        outcome.set(tortureCase.file, { case: tortureCase, responses: callId ? server.responsesFor(callId) : [] });
      }

      expect(crashes, 'uncaught errors in the engine').toEqual([]);
      const calls = await page.evaluate(() => window.phone.getCalls());
      // No invalid message may turn into a call or be accepted.
      for (const { case: c, responses } of outcome.values()) {
        if (c.category !== 'invalid') continue;
        const callId = callIdOf(c.bytes.toString('latin1'));
        expect(calls.filter((call) => call.sipCallId === callId), `${c.file} (${c.title}) became a call`).toEqual([]);
        expect(responses.filter((r) => /^SIP\/2\.0 [12]\d\d /.test(r)), `${c.file} (${c.title}) was accepted`).toEqual([]);
      }
      // Unknown Request-URI schemes used to throw inside both stacks; now they get 416.
      for (const file of ['unkscm.dat', 'novelsc.dat']) {
        expect(outcome.get(file)?.responses.map((r) => r.split('\r\n')[0]), file).toEqual(['SIP/2.0 416 Unsupported URI Scheme']);
      }
      // No call is active: nothing was answered behind the agent's back.
      expect(calls.filter((call) => call.state === 'active' || call.state === 'dialing')).toEqual([]);
      // Calls that ring from valid INVITEs can be declined and end.
      for (const call of calls.filter((c) => c.state === 'ringing')) {
        await page.evaluate((id) => window.phone.reject(id), call.id);
      }
      await expect.poll(async () => (await page.evaluate(() => window.phone.getCalls())).filter((c) => c.state !== 'ended')).toEqual([]);

      // Still alive: registered, and it can place a call.
      expect(await page.evaluate(() => window.phone.getRegistration())).toBe('registered');
      const before = server.received.length;
      await page.evaluate(() => window.phone.call('echo'));
      await expect.poll(() => server.received.slice(before).some((m) => m.startsWith('INVITE sip:echo@example.com'))).toBe(true);

      const summary = [...outcome.values()].map(({ case: c, responses }) => `${c.file}\t${c.category}\t${responses.map((r) => r.split('\r\n')[0]).join(' | ') || '(no response)'}`);
      await test.info().attach(`torture-${adapter}.tsv`, { body: summary.join('\n'), contentType: 'text/tab-separated-values' });
      await page.evaluate(() => Promise.race([window.phone.dispose(), new Promise((r) => setTimeout(r, 3000))]));
    } finally {
      await browser?.close();
      await server.stop();
      await new Promise<void>((resolve) => statics.server.close(() => resolve()));
    }
  });
}
