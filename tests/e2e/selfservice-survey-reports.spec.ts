/**
 * #19 satisfaction survey and historical reports, end to end. A real hub (demo data) serves the real
 * widget page to Chromium: after the agent closes the chat the customer rates 2 with a comment from
 * the keyboard, the supervisors' socket gets the low-rating alert, the wallboard shows today's CSAT
 * and the customer's 360 shows the rating. Then two days of history seeded into the hub's store are
 * (tests/e2e/support/selfservice-hub.ts) are reported by the hub ('report.run' over the supervisor socket, as the console's host asks for it),
 * shown in the real Reports tab (console harness), and its CSV is the table cell for cell; axe clean.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import sirv from 'sirv';
import { build } from 'vite';
import type { Report } from '../../src/shared/protocol/report-protocol';
import type { QueueBoard, Wallboard } from '../../src/shared/protocol/supervisor-protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { supervisorSocket } from './support/supervisor-socket';
import { startWidgetChat } from './support/widget-pre-chat';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let hub: ChildProcess;
let hubUrl: string;
let day1: number;
const lines: Array<Record<string, unknown>> = [];
let harness: Server;
let consoleUrl: string;

/** The next line the hub process printed that matches. */
async function next(match: (l: Record<string, unknown>) => boolean, what: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const i = lines.findIndex(match);
    if (i >= 0) return lines.splice(i, 1)[0]!;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const login = async (username: string): Promise<string> => {
  const response = await fetch(`${hubUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'switchboard' }) });
  return ((await response.json()) as { token: string }).token;
};

test.beforeAll(async () => {
  hub = spawn(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'tests/e2e/support/selfservice-hub.ts')], { stdio: ['pipe', 'pipe', 'inherit'], cwd: repoRoot });
  createInterface({ input: hub.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const ready = await next((l) => typeof l.url === 'string', 'the hub', 60_000);
  hubUrl = String(ready.url);
  day1 = Number(ready.day1);
  const outDir = join(repoRoot, '.tmp', 'selfservice-supervisor-harness');
  await build({ configFile: false, root: join(repoRoot, 'src/renderer/supervisor/harness'), base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false, target: 'es2022' } });
  harness = createServer(sirv(outDir, { dev: true }));
  await new Promise<void>((done) => harness.listen(0, '127.0.0.1', done));
  const address = harness.address();
  consoleUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/index.html`;
});
test.afterAll(async () => {
  if (hub?.pid) process.kill(hub.pid, 'SIGTERM');
  await new Promise<void>((done) => harness?.close(() => done()));
});

test('after close the customer rates 2 with a comment in the widget; the supervisor is alerted, the 360 and the wallboard show it @selfservice', async ({ page }) => {
  const sam = await supervisorSocket(hubUrl, await login('sam'));
  await page.goto(`${hubUrl}/widget?lang=en`);
  await startWidgetChat(page, { name: 'Ann Survey', contact: 'ann.survey@example.com' });
  hub.stdin!.write('serve\n');
  await page.getByTestId('widget-input').fill('Where is my parcel?');
  await page.keyboard.press('Enter');
  const served = await next((l) => typeof l.conversationId === 'string', 'the agent to serve and close the chat');
  const conversationId = String(served.conversationId);

  // The survey card takes focus; the customer answers from the keyboard.
  const survey = page.getByTestId('widget-survey');
  await expect(survey).toBeVisible();
  await expect(page.getByTestId('survey-rating-1')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('survey-rating-2')).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Took too long to answer');
  await expectNoSeriousA11yViolations(page, 'widget survey');
  await page.getByTestId('survey-submit').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('survey-done')).toHaveText('Thank you for your feedback!');

  const alert = await sam.waitFor((f) => f.type === 'alert' && (f.alert as { kind: string }).kind === 'low_rating', 'the low-rating alert');
  expect(alert.alert).toMatchObject({ conversationId, value: 2, reason: 'low-rating', queue: 'chat' });
  const board = (await sam.request({ kind: 'wallboard.refresh' })) as Wallboard;
  expect(board.queues.find((q: QueueBoard) => q.queue === 'chat')).toMatchObject({ csatTodayPercent: 0, ratedToday: 1 });

  const customerId = String(served.customerId);
  const token = await login('alice');
  const view = (await fetch(`${hubUrl}/api/customers/${customerId}/360`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as {
    timeline: Array<{ conversation: { id: string }; rating: { rating: number; comment: string | null } | null }>;
  };
  expect(view.timeline.find((e) => e.conversation.id === conversationId)?.rating).toMatchObject({ rating: 2, comment: 'Took too long to answer' });
  sam.close();
});

test('a report over two days of seeded history shows service level, AHT, FCR and CSAT, and its CSV is the table @selfservice', async ({ page }) => {
  const from = new Date(day1).toISOString().slice(0, 10);
  const to = new Date(day1 + 86_400_000).toISOString().slice(0, 10);
  const sam = await supervisorSocket(hubUrl, await login('sam'));
  const report = (await sam.request({ kind: 'report.run', query: { from, to, timeZone: 'UTC', queue: 'chat' } })) as Report;
  sam.close();
  // Hand-computed: day 1 — 1 of 3 decided contacts in time (33.3%), AHT (4 + 6) / 2 = 5 min, FCR 1 of 2, CSAT 1 of 2;
  // day 2 — 100%, 2 min, FCR 1 of 1, CSAT 1 of 1; the range — 2 of 4 (50%), 4 min, FCR 2 of 3, CSAT 2 of 3.
  expect(report.days.map((d) => [d.serviceLevelPercent, d.averageHandleMs, d.fcrPercent, d.csatPercent])).toEqual([
    [33.3, 300_000, 50, 50],
    [100, 120_000, 100, 100],
  ]);
  expect(report.total).toMatchObject({ serviceLevelPercent: 50, averageHandleMs: 240_000, fcrPercent: 66.7, csatPercent: 66.7 });

  await page.goto(consoleUrl);
  await expect(page.getByTestId('supervisor-link')).toHaveAttribute('data-status', 'online');
  await page.evaluate((r) => {
    window.supervisorHarness!.report = r;
  }, report);
  // Keyboard only: to the Reports tab with the arrow keys, then run and export.
  await page.getByRole('tab', { name: 'Wallboard' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Reports' })).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('report-run').focus();
  await page.keyboard.press('Enter');
  const days = page.getByTestId('report-days');
  await expect(days.locator(`tr[data-key="${from}"] td[data-col="serviceLevel"]`)).toHaveText('33.3%');
  await expect(days.locator(`tr[data-key="${from}"] td[data-col="aht"]`)).toHaveText('5 min 0 s');
  await expect(days.locator(`tr[data-key="${to}"] td[data-col="fcr"]`)).toHaveText('100.0%');
  await expect(days.locator('tr[data-key="total"] td[data-col="csat"]')).toHaveText('66.7% of 3');
  await expect(page.getByTestId('report-chart-contacts').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('report-agents').locator('tbody tr')).toHaveCount(2);
  await expectNoSeriousA11yViolations(page, 'reports tab');

  const table = await days.evaluate((el) => [...el.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
  await page.getByTestId('report-days-csv').focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const parsed = csv
    .trimEnd()
    .split('\r\n')
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
  expect(parsed).toEqual(table);
  await page.screenshot({ path: join(repoRoot, '.tmp', 'selfservice-reports.png'), fullPage: true });
});
