/**
 * Supervision media, proven in Chromium without SIP: three real WebRTC connections on loopback,
 * the SupervisionMixer in the agent's place, and an AnalyserNode at each listener. Every cell
 * of who-hears-whom is asserted for monitor, whisper and barge, the silent ones included.
 *
 * The hub side (role check, refusal audit, chat takeover) is covered by the vitest integration
 * suite in src/hub/supervision against a Fastify app with the real store, tokens, conversation
 * service and command executor; docs/supervisor.md lists the e2e checks to add once the lead
 * wires /supervisor/ws into the hub. Real three-party SIP calls belong to the softphone suite.
 */
import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { buildHarnessPage, type HarnessPage } from '../harness/pages/build-harness-page';
import { chromiumArgs } from '../../playwright.config';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TONES = { customer: 440, agent: 1000, supervisor: 1500 } as const;
type Party = keyof typeof TONES;
type Mode = 'monitor' | 'whisper' | 'barge';

/** Who must hear whom; everything else must be silent (no one hears themselves either). */
const EXPECTED: Record<Mode, Record<Party, Party[]>> = {
  monitor: { customer: ['agent'], agent: ['customer'], supervisor: ['customer', 'agent'] },
  whisper: { customer: ['agent'], agent: ['customer', 'supervisor'], supervisor: ['customer', 'agent'] },
  barge: { customer: ['agent', 'supervisor'], agent: ['customer', 'supervisor'], supervisor: ['customer', 'agent'] },
};
/** How far above every silent tone a heard tone must stand, at the same listener. */
const MARGIN_DB = 20;

const servers: Server[] = [];
let url: string;
let consoleUrl: string;

/** Bundles a harness page from the test tree into .tmp/ and serves it on loopback. */
async function serveHarness(page: HarnessPage): Promise<string> {
  const outDir = await buildHarnessPage(page);
  const server = createServer(sirv(outDir, { dev: true }));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/index.html`;
}

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...chromiumArgs, '--autoplay-policy=no-user-gesture-required'] } });

test.beforeAll(async () => {
  url = await serveHarness('supervision-mixer');
  consoleUrl = await serveHarness('supervisor-console');
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise<void>((done) => server.close(() => done()))));
});

test('monitor, whisper and barge: who hears whom, cell by cell, over real WebRTC @supervisor', async ({ page }) => {
  await page.goto(url);
  await expect(page.locator('#status')).toHaveText('ready');
  await page.evaluate(() => window.supervisionHarness!.setup());
  await expect.poll(() => page.evaluate(() => window.supervisionHarness!.connectionStates())).toEqual(['connected', 'connected', 'connected', 'connected']);

  for (const mode of ['monitor', 'whisper', 'barge', 'monitor'] as const) {
    await page.evaluate((m) => window.supervisionHarness!.setMode(m), mode);
    // Let the ramp settle and the jitter buffers carry the new mix through.
    await page.waitForTimeout(1_500);
    await expect
      .poll(
        async () => {
          const levels = await page.evaluate(() => window.supervisionHarness!.hears());
          const problems: string[] = [];
          for (const listener of Object.keys(TONES) as Party[]) {
            const heard = EXPECTED[mode][listener];
            const silent = (Object.keys(TONES) as Party[]).filter((p) => !heard.includes(p));
            const at = levels[listener];
            const loudestSilent = Math.max(...silent.map((p) => at[String(TONES[p])] ?? -200));
            for (const speaker of heard) {
              const level = at[String(TONES[speaker])] ?? -200;
              if (level < loudestSilent + MARGIN_DB) problems.push(`${mode}: ${listener} should hear ${speaker} (${level.toFixed(1)} dB vs ${loudestSilent.toFixed(1)} dB)`);
            }
            const quietestHeard = Math.min(...heard.map((p) => at[String(TONES[p])] ?? -200));
            for (const speaker of silent) {
              const level = at[String(TONES[speaker])] ?? -200;
              if (level > quietestHeard - MARGIN_DB) problems.push(`${mode}: ${listener} must not hear ${speaker} (${level.toFixed(1)} dB vs ${quietestHeard.toFixed(1)} dB)`);
            }
          }
          return problems;
        },
        { timeout: 15_000, intervals: [500] },
      )
      .toEqual([]);
  }
});

test('the console shows the wallboard and works from the keyboard: alert → chat, whisper, take over, monitor a call @supervisor', async ({ page }) => {
  await page.goto(consoleUrl);
  await expect(page.getByRole('heading', { name: 'Supervisor console' })).toBeVisible();
  await expect(page.getByTestId('supervisor-link')).toHaveAttribute('data-status', 'online');
  await expect(page.getByTestId('queue-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('queue-table').locator('tr[data-queue="chat"]')).toContainText('82.5%');
  await expect(page.getByTestId('chart-waiting-trend').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('chart-sla').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('contacts-table').locator('tr[data-conversation="conv_1"]')).toHaveAttribute('data-sentiment', 'negative');
  await page.screenshot({ path: join(repoRoot, '.tmp', 'supervisor-wallboard.png'), fullPage: true });

  // Clicking (here: Enter on) an alert opens its contact in the chat monitor.
  await page.getByRole('button', { name: /Open the contact of this alert/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('monitor-messages')).toContainText('where is my order');
  await expect(page.getByRole('tab', { name: 'Monitor' })).toHaveAttribute('aria-selected', 'true');

  await page.getByTestId('whisper-input').fill('offer a refund');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('monitor-messages').locator('li[data-internal="true"]')).toContainText('offer a refund');

  await page.getByTestId('take-over').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'You took this chat over' })).toBeVisible();

  await page.getByRole('button', { name: /Acknowledge alert: Customer turning negative/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('alert-feed').locator('li[data-alert="alr_1"]')).toHaveClass(/acknowledged/);

  // Arrow keys move between the tabs; the wallboard's agent row starts listening to a call.
  await page.getByRole('tab', { name: 'Monitor' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Wallboard' })).toBeFocused();
  await page.getByRole('button', { name: "Monitor Alice Wang's current call" }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-controls').locator('[data-session="sup_call"]')).toHaveAttribute('data-mode', 'monitor');
  await page.getByTestId('mode-monitor').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('call-controls').locator('[data-session="sup_call"]')).toHaveAttribute('data-mode', 'whisper');
  await page.getByTestId('end-supervision').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-controls')).not.toContainText('sup_call');
  const methods = await page.evaluate(() => window.supervisorHarness!.calls.map((c) => c.method));
  expect(methods).toEqual(expect.arrayContaining(['connect', 'openChat', 'whisper', 'takeOver', 'acknowledgeAlert', 'startMonitoring', 'setMode', 'endMonitoring']));
  await page.screenshot({ path: join(repoRoot, '.tmp', 'supervisor-monitor.png'), fullPage: true });
});

test('the console speaks Chinese @supervisor', async ({ page }) => {
  await page.goto(`${consoleUrl}?lang=zh-CN`);
  await expect(page.getByRole('heading', { name: '主管控制台' })).toBeVisible();
  await expect(page.getByTestId('queue-table')).toContainText('最长等待');
  await page.goto(`${consoleUrl}?lang=zh-TW`);
  await expect(page.getByRole('heading', { name: '佇列' })).toBeVisible();
});
