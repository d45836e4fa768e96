/**
 * #19 historical reports through the real web host (as `npm run start:web -- --hub-url …`): a hub with two
 * days of history seeded into its store (tests/e2e/support/selfservice-hub.ts) and sam's web host against
 * it. Sam signs in, opens the supervisor console and runs the report from the Reports tab with the keyboard;
 * the table shows the hand-computed service level, AHT, FCR and CSAT, and the CSV he downloads is the table
 * cell for cell. Nothing is handed to the page: the report comes from the hub through the host's supervisor
 * service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { signIn } from './support/agent-page';
import { chooseAgentState } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let hub: ChildProcess;
let host: WebHostProcess;
let day1: number;

test.beforeAll(async () => {
  hub = spawn(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'tests/e2e/support/selfservice-hub.ts')], { stdio: ['pipe', 'pipe', 'inherit'], cwd: repoRoot });
  const ready = await new Promise<{ url: string; day1: number }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the seeded hub did not start')), 60_000);
    createInterface({ input: hub.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const parsed = JSON.parse(line) as { url?: string; day1?: number };
      if (parsed.url && parsed.day1) {
        clearTimeout(timer);
        done({ url: parsed.url, day1: parsed.day1 });
      }
    });
  });
  day1 = ready.day1;
  host = await startWebHostProcess({ hubUrl: ready.url });
});
test.afterAll(async () => {
  await host?.stop();
  if (hub?.pid) process.kill(hub.pid, 'SIGTERM');
});

test('the Reports tab of the real console shows two days of history with the expected SL, AHT, FCR and CSAT, and its CSV is the table @selfservice', async ({ browser }) => {
  const from = new Date(day1).toISOString().slice(0, 10);
  const to = new Date(day1 + 86_400_000).toISOString().slice(0, 10);
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'sam');
  await chooseAgentState(page, 'away:break');
  await page.getByTestId('open-supervisor').click();
  await expect(page.getByTestId('supervisor-link')).toHaveAttribute('data-status', 'online');

  // Keyboard only: to the Reports tab with the arrow keys, the range, UTC and the chat queue, then run.
  await page.getByRole('tab', { name: 'Wallboard' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Reports' })).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('report-from').fill(from);
  await page.getByTestId('report-to').fill(to);
  await page.getByTestId('report-zone').selectOption('UTC');
  await page.getByTestId('report-queue').selectOption('chat');
  await page.getByTestId('report-run').focus();
  await page.keyboard.press('Enter');

  // Hand-computed (selfservice-hub.ts): day 1 — 1 of 3 decided contacts in time (33.3%), AHT (4 + 6) / 2 = 5 min,
  // FCR 1 of 2 (the day-1 customer came back on day 2), CSAT 1 of 2; day 2 — 100%, 2 min, FCR 1 of 1, CSAT 1 of 1;
  // the range — 2 of 4 (50%), 4 min, FCR 2 of 3, CSAT 2 of 3.
  const days = page.getByTestId('report-days');
  const cell = (key: string, col: string) => days.locator(`tr[data-key="${key}"] td[data-col="${col}"]`);
  await expect(cell(from, 'serviceLevel')).toHaveText('33.3%');
  await expect(cell(from, 'aht')).toHaveText('5 min 0 s');
  await expect(cell(from, 'fcr')).toHaveText('50.0%');
  await expect(cell(from, 'csat')).toHaveText('50.0% of 2');
  await expect(cell(to, 'serviceLevel')).toHaveText('100.0%');
  await expect(cell(to, 'aht')).toHaveText('2 min 0 s');
  await expect(cell(to, 'fcr')).toHaveText('100.0%');
  await expect(cell(to, 'csat')).toHaveText('100.0% of 1');
  await expect(cell('total', 'serviceLevel')).toHaveText('50.0%');
  await expect(cell('total', 'aht')).toHaveText('4 min 0 s');
  await expect(cell('total', 'fcr')).toHaveText('66.7%');
  await expect(cell('total', 'csat')).toHaveText('66.7% of 3');
  await expect(page.getByTestId('report-chart-contacts').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('report-agents').locator('tbody tr')).toHaveCount(2);
  await expectNoSeriousA11yViolations(page, 'reports tab through the web host');

  const table = await days.evaluate((el) => [...el.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
  await page.getByTestId('report-days-csv').focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const parsed = csv
    .trimEnd()
    .split('\r\n')
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
  expect(parsed).toEqual(table);
  expect(parsed.length).toBe(4);
  await context.close();
});
