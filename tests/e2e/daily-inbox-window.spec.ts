import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedDemoData } from '../../src/hub/demo-data';
import { openSqliteHubStore } from '../../src/hub/store/sqlite-hub-store';
import type { Conversation } from '../../src/shared/domain/conversation';
import { signIn } from './support/agent-page';
import { chooseAgentState, takeChat } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

const CONVERSATIONS = 10_000;
/** The oldest of them: the last row of the inbox. */
const OLDEST = 'conv_bulk_00000';

/** Ten thousand closed conversations of Alice's in the hub's store, as a long-serving agent's history. */
async function seedHistory(dataDir: string): Promise<void> {
  const hubDir = join(dataDir, 'hub');
  mkdirSync(hubDir, { recursive: true });
  const store = openSqliteHubStore(join(hubDir, 'hub.sqlite'));
  await seedDemoData(store);
  // Inside the cache's 30-day retention: older history is pruned from the desktop.
  const start = Date.now() - 20 * 86_400_000;
  store.transaction(() => {
    for (let i = 0; i < CONVERSATIONS; i++) {
      const at = start + i * 60_000;
      const customer = { id: `cus_bulk_${i}`, name: `Customer ${i}`, tags: [], identities: [], createdAt: at };
      store.insertCustomer(customer);
      store.appendEvent({ kind: 'customer.upserted', customer }, at);
      const conversation: Conversation = {
        id: `conv_bulk_${String(i).padStart(5, '0')}`, customerId: customer.id, channel: 'widget', status: 'closed', queue: 'chat',
        assigneeId: 'agt_alice', priority: 0, tags: [], createdAt: at, updatedAt: at, lastMessageAt: at, preview: `Order question ${i}`,
      };
      store.insertConversation(conversation);
      store.appendEvent({ kind: 'conversation.upserted', conversation }, at);
    }
  });
  store.close();
}

const activeRow = (page: Page) => page.locator('[data-testid="inbox-row"].active');

let host: WebHostProcess;
test.beforeEach(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'inbox-window-'));
  await seedHistory(dataDir);
  host = await startWebHostProcess({ dataDir });
});
test.afterEach(async () => {
  await host?.stop();
});

test('a 10,000-conversation inbox scrolls to its last conversation from the keyboard, and a new message moves its conversation to the top without a reload @daily', async ({ browser }) => {
  test.setTimeout(480_000);
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  let pagesAsked = 0;
  page.on('websocket', (ws) => ws.on('framesent', (f) => void (String(f.payload).includes('"m":"inboxPage"') && (pagesAsked += 1))));
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');
  await page.getByTestId('filter-status').selectOption('all');
  // The catch-up streams in as deltas; when it ends the count is the cache's.
  await expect(page.getByTestId('inbox-count')).toHaveText(/^1\d{4} conversations$/, { timeout: 300_000 });
  const total = Number((await page.getByTestId('inbox-count').textContent())!.split(' ')[0]);
  expect(total).toBeGreaterThanOrEqual(CONVERSATIONS);

  // j brings the keyboard to the list's first row; PageDown moves ten rows at a time.
  await page.locator('body').click({ position: { x: 900, y: 5 } });
  await page.keyboard.press('j');
  await expect(page.getByTestId('inbox')).toBeFocused();
  await expect(activeRow(page)).toHaveAttribute('aria-posinset', '1');
  for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
  await expect(activeRow(page)).toHaveAttribute('aria-posinset', '31');
  await page.keyboard.press('k');
  await expect(activeRow(page)).toHaveAttribute('aria-posinset', '30');
  // End reaches the oldest conversation; the page holds a window of rows, not ten thousand.
  await page.keyboard.press('End');
  await expect(activeRow(page)).toHaveAttribute('data-conversation-id', OLDEST, { timeout: 30_000 });
  await expect(activeRow(page)).toHaveAttribute('aria-posinset', String(total));
  await expect(activeRow(page)).toBeInViewport();
  expect(await page.getByTestId('inbox-row').count()).toBeLessThan(100);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('messages')).toBeVisible();
  await page.keyboard.press('Home');
  await page.getByTestId('inbox').focus();
  await page.keyboard.press('Home');
  await expect(activeRow(page)).toHaveAttribute('aria-posinset', '1');

  // Two customers write; the newest is on top. Then the first writes again and is on top, with no window read again.
  const first = await takeChat(page, browser, host.hubUrl, 'Where is my parcel?');
  const second = await takeChat(page, browser, host.hubUrl, 'Can I change the address?');
  const top = page.getByTestId('inbox-row').first();
  await expect(top).toContainText('Can I change the address?');
  await expect(page.getByTestId('inbox-count')).toHaveText(`${total + 2} conversations`);
  await page.evaluate(() => ((window as unknown as { __stillHere: boolean }).__stillHere = true));
  const asked = pagesAsked;
  await first.say('It has been a week now');
  await expect(top).toContainText('It has been a week now');
  await expect(page.getByTestId('inbox-row').nth(1)).toContainText('Can I change the address?');
  await expect(page.getByTestId('inbox-count')).toHaveText(`${total + 2} conversations`);
  expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);
  expect(pagesAsked).toBe(asked);
  await first.close();
  await second.close();
  await context.close();
});
