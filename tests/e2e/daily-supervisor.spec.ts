/**
 * The supervisor console's daily points (UX review P2-12), on the console harness (the real
 * console against an in-page stand-in for the host service): the service level and the breach
 * alerts tell the same story, charts stay readable in dark mode, queue names and times follow the
 * language, tables sort from the keyboard, and axe finds nothing serious in light and dark in
 * three languages. That the hub's figure and its alerts agree is proven against the real store in
 * src/hub/supervision/supervision.test.ts.
 */
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import sirv from 'sirv';
import { buildHarnessPage } from '../harness/pages/build-harness-page';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let server: Server;
let consoleUrl: string;

test.beforeAll(async () => {
  // Its own folder: supervisor.spec.ts serves the same page from the default one.
  const outDir = await buildHarnessPage('supervisor-console', join(repoRoot, '.tmp', 'daily-supervisor-harness'));
  server = createServer(sirv(outDir, { dev: true }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  consoleUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/index.html`;
});
test.afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

async function open(page: Page, lang: string, theme: 'light' | 'dark'): Promise<void> {
  await page.goto(`${consoleUrl}?lang=${lang}&theme=${theme}`);
  await expect(page.getByTestId('supervisor-link')).toHaveAttribute('data-status', 'online');
  await expect(page.getByTestId('queue-table').locator('tbody tr')).toHaveCount(2);
}

/** WCAG contrast ratio between the colour a chart draws its text in and the page behind it. */
async function chartTextContrast(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((chart) => {
    const rgb = (css: string): number[] => {
      const probe = document.createElement('span');
      probe.style.color = css;
      document.body.append(probe);
      const parts = getComputedStyle(probe).color.match(/[\d.]+/g)!.slice(0, 3).map(Number);
      probe.remove();
      return parts;
    };
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const text = luminance(rgb(chart.dataset.textColor!));
    const background = luminance(rgb(getComputedStyle(document.documentElement).backgroundColor));
    return (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
  });
}

test('the service level and the breach alerts agree, and the legend says how it is counted @daily', async ({ page }) => {
  await open(page, 'en', 'light');
  const chat = page.getByTestId('queue-table').locator('tr[data-queue="chat"]');
  await expect(chat).toContainText('82.5%');
  await expect(chat.locator('.supervisor-bad')).toHaveCount(1);
  // The queue alert names the queue in its headline, as the queue table does.
  await expect(page.getByTestId('alert-feed').locator('li[data-alert="alr_2"]')).toContainText('Service level breached · Queue Chat — Queue below its target');
  // A contact alert names the customer.
  await expect(page.getByTestId('alert-feed').locator('li[data-alert="alr_1"]')).toContainText('张伟');
  await expect(page.getByTestId('sla-legend')).toContainText('still waiting past it');
  // An admin in no queue is not listed among the agents.
  await expect(page.getByTestId('agent-table').locator('tr[data-agent]')).toHaveCount(2);
});

test('charts stay readable in dark mode @daily', async ({ page }) => {
  for (const theme of ['light', 'dark'] as const) {
    await open(page, 'en', theme);
    for (const chart of ['chart-waiting-trend', 'chart-sla']) {
      await expect(page.getByTestId(chart).locator('canvas')).toHaveCount(1);
      expect(await chartTextContrast(page, chart), `${chart} in ${theme}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: join(repoRoot, '.tmp', `daily-supervisor-${theme}.png`), fullPage: true });
  }
});

test('at 1024 px, in Chinese and dark, the alerts never cover the charts or tables @daily', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await open(page, 'zh-CN', 'dark');
  const boxOf = async (testId: string) => {
    const box = await page.getByTestId(testId).boundingBox();
    expect(box, `${testId} should be on screen`).not.toBeNull();
    return box!;
  };
  const alerts = await boxOf('alert-feed');
  for (const other of ['chart-sla', 'chart-waiting-trend', 'queue-table', 'agent-table']) {
    const box = await boxOf(other);
    const overlap = alerts.x < box.x + box.width && box.x < alerts.x + alerts.width && alerts.y < box.y + box.height && box.y < alerts.y + alerts.height;
    expect(overlap, `the alerts overlap ${other}`).toBe(false);
  }
  // Nothing runs off the right edge of the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
});

test('queue names and times follow the language @daily', async ({ page }) => {
  await open(page, 'zh-CN', 'dark');
  await expect(page.getByTestId('queue-table').locator('tr[data-queue="chat"] th')).toHaveText('在线咨询');
  await expect(page.getByTestId('queue-table').locator('tr[data-queue="voice"] th')).toHaveText('电话');
  // The live contacts show the queue's name, never its id.
  await expect(page.getByTestId('contacts-table').locator('tr[data-conversation="conv_1"]')).toContainText('在线咨询');
  await expect(page.getByTestId('contacts-table').locator('tr[data-conversation="conv_1"] td').nth(2)).not.toHaveText('chat');
  // Alert times in the reader's clock: no "AM"/"PM" in Chinese.
  const time = page.getByTestId('alert-feed').locator('time').first();
  await expect(time).toHaveText(/\d{1,2}:\d{2}:\d{2}/);
  await expect(time).not.toHaveText(/AM|PM/);
  await open(page, 'zh-TW', 'light');
  await expect(page.getByTestId('queue-table').locator('tr[data-queue="chat"] th')).toHaveText('線上諮詢');
});

test('tables sort from the keyboard and say their order with aria-sort @daily', async ({ page }) => {
  await open(page, 'en', 'light');
  const table = page.getByTestId('queue-table');
  const header = table.locator('thead th').nth(3);
  await expect(header).toHaveAttribute('aria-sort', 'none');
  const order = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-queue')));
  await expect.poll(order).toEqual(['chat', 'voice']);

  // Tab to the "Service level" header button and sort with Enter, then reverse with Space.
  const button = header.getByRole('button');
  await expect(button).toHaveAccessibleName(/^Service level.*sort/);
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(order).toEqual(['chat', 'voice']);
  await page.keyboard.press('Space');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(order).toEqual(['voice', 'chat']);

  // Agents sort by handled today; the other columns stop claiming an order.
  const agents = page.getByTestId('agent-table');
  await agents.locator('thead th').nth(4).getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(agents.locator('thead th').nth(4)).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => agents.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agent')))).toEqual(['agt_bob', 'agt_alice']);
  await expect(agents.locator('thead th[aria-sort="ascending"]')).toHaveCount(1);
});

test('axe finds nothing serious on the console in light and dark, in three languages @daily', async ({ page }) => {
  for (const lang of ['en', 'zh-CN', 'zh-TW']) {
    for (const theme of ['light', 'dark'] as const) {
      await open(page, lang, theme);
      await expectNoSeriousA11yViolations(page, `supervisor wallboard ${lang} ${theme}`);
      await page.getByRole('tab').nth(1).click();
      await expectNoSeriousA11yViolations(page, `supervisor monitor ${lang} ${theme}`);
    }
  }
});
