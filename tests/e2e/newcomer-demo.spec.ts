import { expect, test } from '@playwright/test';
import { demoArrivals } from '../../src/hub/demo/demo-traffic-script';
import { signIn } from './support/agent-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

/** A newcomer's first minutes: `npm run start:web` on a fresh data folder, sign in as alice. */
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess({ demo: 'living' });
});
test.afterAll(async () => {
  await host?.stop();
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the demo desk is alive: conversations on every channel, a VIP with orders and history, new chats arriving @newcomer', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');

  // Earlier and current conversations across the widget, WeChat, stores, email and calls.
  await page.getByTestId('filter-status').selectOption('all');
  for (const channel of ['widget', 'wechat', 'webhook', 'email', 'voice']) {
    await page.getByTestId('filter-channel').selectOption(channel);
    await expect(page.getByTestId('inbox-row').first(), `a ${channel} conversation`).toBeVisible();
  }
  await page.getByTestId('filter-channel').selectOption('all');
  await page.getByTestId('filter-status').selectOption('open');

  // The VIP's 360: orders, an open ticket, earlier contacts and a history summary in the UI's language.
  await page.getByTestId('inbox-row').filter({ hasText: '张伟' }).click();
  const panel = page.getByTestId('customer-panel');
  await expect(panel.getByText('VIP', { exact: true })).toBeVisible();
  await expect(panel).toContainText('202601050001');
  await expect(panel).toContainText('蓝牙耳机左耳无声');
  await expect(panel.getByTestId('history-summary')).toContainText(/4 contacts from .+: Web chat 1, Email 1, Call 1,? and Store 1\./);
  await expect(panel.getByTestId('timeline-entry')).toHaveCount(4);

  // Demo traffic: within a minute a new customer writes and alice is offered the chat. Offers for
  // customers who were already waiting are taken on the way, as an agent would.
  const arriving = new RegExp(demoArrivals.map((a) => escape(a.lines[0]!)).join('|'));
  const newChat = page.getByTestId('offer').filter({ hasText: arriving });
  await expect
    .poll(
      async () => {
        if (await newChat.count()) return true;
        const other = page.getByTestId('offer').first();
        if (await other.isVisible()) await other.getByTestId('offer-accept').click();
        return false;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  await context.close();
});
