import { expect, test } from '@playwright/test';
import { signIn } from './support/agent-page';
import { chooseAgentState, takeChat } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

let host: WebHostProcess;
test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

test('keyboard only: search runs as the agent types, names the customer and channel, and opens a hit with Enter @daily', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');
  const first = await takeChat(page, browser, host.hubUrl, 'My invoice number is INV-4471');
  const second = await takeChat(page, browser, host.hubUrl, 'The invoice address is wrong');
  await expect(page.getByTestId('inbox-row')).toHaveCount(2);

  await page.keyboard.press('Escape');
  await page.getByTestId('search-input').focus();
  // No Enter: the list appears while typing, narrowing as more is typed.
  await page.keyboard.type('invoice', { delay: 30 });
  const results = page.getByTestId('search-result');
  await expect(results).toHaveCount(2);
  await expect(results.first()).toContainText('Web chat');
  await expect(results.first().getByTestId('search-result-customer')).not.toBeEmpty();
  await expect(results.first().locator('mark').first()).toHaveText(/invoice/i);
  await page.keyboard.type(' number');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('INV-4471');

  // Arrows move into the list, Enter opens, and the reply box is ready.
  await page.keyboard.press('ArrowDown');
  await expect(results.first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('search-input')).toHaveAttribute('aria-activedescendant', 'search-hit-0');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search-results')).toBeHidden();
  await expect(page.getByTestId('messages')).toContainText('INV-4471');
  await expect(page.getByTestId('composer')).toBeFocused();

  // Escape closes the list without opening anything.
  await page.getByTestId('search-input').focus();
  await page.keyboard.type('address');
  await expect(results).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-results')).toBeHidden();
  await expect(page.getByTestId('messages')).toContainText('INV-4471');

  await first.close();
  await second.close();
  await context.close();
});
