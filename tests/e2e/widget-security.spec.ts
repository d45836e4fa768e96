import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { freePort, startHubProcess, type HubProcess } from '../integration/support/hub-process';

/**
 * #17 C15 in a real browser: the widget page still works under its Content-Security-Policy, and a link that
 * names someone else's visitor id with a made-up signature does not make the visitor chat as them.
 */
const WIDGET_SECRET = 'e2e-widget-identity-secret';
let hub: HubProcess;

test.beforeAll(async () => {
  hub = await startHubProcess(mkdtempSync(join(tmpdir(), 'switchboard-widget-csp-')), await freePort(), [], { WIDGET_IDENTITY_SECRET: WIDGET_SECRET });
});
test.afterAll(async () => {
  await hub?.stop();
});

/** The attacker's own visitor, with one message of theirs in its chat. */
async function attackerVisitor(visitorId: string, text: string): Promise<void> {
  const ws = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/widget/ws`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(String(data)));
  ws.send(JSON.stringify({ type: 'hello', visitorId }));
  ws.send(JSON.stringify({ type: 'message', text, key: `k-${visitorId}`, attachmentIds: [] }));
  await expect.poll(() => frames.some((f) => f.includes(text))).toBe(true);
  ws.close();
}

test('the widget page runs under its CSP, and a link with a forged signature cannot fix the visitor id @security', async ({ browser }) => {
  await attackerVisitor('attacker-chosen-e2e', 'attacker was here');
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const response = await page.goto(`${hub.url}/widget?lang=en&visitor=attacker-chosen-e2e&exp=${exp}&sig=${'ab'.repeat(32)}`);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
  // No agent is available: the page's script shows the offline form (nothing shows if the script were blocked).
  await expect(page.locator('#offline')).toBeVisible();
  await expect(page.getByTestId('widget-log')).not.toContainText('attacker was here');
  const own = await page.evaluate(() => localStorage.getItem('switchboard.visitor'));
  expect(own).toMatch(/^v[0-9a-f]{24}$/);
  expect(violations).toEqual([]);

  // A link the embedding site really signed for a visitor opens that visitor's chat.
  await attackerVisitor('site-signed-e2e', 'earlier question');
  const sig = createHmac('sha256', WIDGET_SECRET).update(`v1|site-signed-e2e|||${exp}`).digest('hex');
  const signed = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signed.goto(`${hub.url}/widget?lang=en&visitor=site-signed-e2e&exp=${exp}&sig=${sig}`);
  await expect(signed.getByTestId('widget-log')).toContainText('earlier question');
  await page.context().close();
  await signed.context().close();
});
