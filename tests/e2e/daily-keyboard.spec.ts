import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/agent-page';
import { chooseAgentState, focused, tabTo } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { openWidgetCustomer } from './support/workspace-customer';

// Each test gets its own desk (web host and embedded hub): queued chats of one must not be offered in the next.
let host: WebHostProcess;
test.beforeEach(async () => {
  host = await startWebHostProcess();
});
test.afterEach(async () => {
  await host?.stop();
});

/** Every state the page shows for the agent, in order, from now on: a passing state would be caught. */
async function recordStates(page: Page): Promise<() => Promise<string[]>> {
  await page.getByTestId('agent-name').evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { __states: string[] }).__states = seen;
    new MutationObserver(() => seen.push(el.getAttribute('data-state') ?? '')).observe(el, { attributes: true, attributeFilter: ['data-state'] });
  });
  return () => page.evaluate(() => (window as unknown as { __states: string[] }).__states);
}

test('keyboard only: the state menu changes state only on Enter, and j/k work right after @daily', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');
  await expect(page.getByTestId('agent-name')).toHaveAttribute('data-state', 'available');
  // Two customers waiting, so j/k have somewhere to go.
  await chooseAgentState(page, 'away:break');
  const first = await openWidgetCustomer(browser, host.hubUrl, 'en');
  await first.say('First question in the queue');
  const second = await openWidgetCustomer(browser, host.hubUrl, 'en');
  await second.say('Second question in the queue');
  await expect(page.getByTestId('inbox-row')).toHaveCount(2);

  const states = await recordStates(page);
  const stateButton = page.getByTestId('agent-state');
  await tabTo(page, stateButton);
  // Walking the whole menu with the arrows passes Busy, every Away reason and Offline: none of them is sent.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('agent-state-menu')).toBeVisible();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('agent-state-menu')).toBeHidden();
  await expect(stateButton).toBeFocused();
  await expect(page.getByTestId('agent-name')).toHaveAttribute('data-state', 'away');
  // Enter on Busy is an explicit choice: exactly one change reaches the hub and comes back.
  await page.keyboard.press('Enter');
  const menu = page.getByTestId('agent-state-menu');
  await expect(menu.locator('[data-value="away:break"]')).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(menu.locator('[data-value="busy"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('agent-name')).toHaveAttribute('data-state', 'busy');
  expect(await states()).toEqual(['busy']);
  await expect(stateButton).toBeFocused();

  // Straight on to the inbox with j.
  await page.keyboard.press('j');
  await expect(page.getByTestId('inbox')).toBeFocused();
  await expect(page.getByTestId('inbox-row').first()).toHaveClass(/active/);
  await page.keyboard.press('j');
  await expect(page.getByTestId('inbox-row').nth(1)).toHaveClass(/active/);

  await first.close();
  await second.close();
  await context.close();
});

test('keyboard only: focus goes where the next action is, dialogs start on their first field and give focus back, t and c transfer and close @daily', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(host.openUrl);
  // Signed out first, so the sign-in itself is tested.
  const signOut = page.getByRole('button', { name: /sign out/i });
  const username = page.getByLabel(/username/i);
  await expect(signOut.or(username)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  await expect(username).toBeFocused();
  await page.keyboard.type('alice');
  await page.keyboard.press('Tab');
  await page.keyboard.type('switchboard');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('agent-name')).toBeVisible();
  // After sign-in: the inbox, where j/k and Enter work.
  await expect(page.getByTestId('inbox'), await focused(page)).toBeFocused();

  await tabTo(page, page.getByTestId('agent-state'));
  await page.keyboard.press('ArrowDown');
  await page.getByTestId('agent-state-menu').locator('[data-value="available"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('agent-name')).toHaveAttribute('data-state', 'available');

  const customer = await openWidgetCustomer(browser, host.hubUrl, 'en');
  await customer.say('My order never arrived');
  await expect(page.getByTestId('offers').getByTestId('offer')).toBeVisible();
  // `a` accepts: the conversation opens with the cursor in the reply box.
  await page.keyboard.press('a');
  await expect(page.getByTestId('composer'), await focused(page)).toBeFocused();
  await page.keyboard.type('Let me check that for you.');
  await page.keyboard.press('Enter');
  await expect(customer.page.locator('[data-direction="out"]')).toHaveText(['Let me check that for you.']);

  // Escape leaves the reply box for the inbox; `t` opens Transfer on its first field; Escape gives focus back.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inbox')).toBeFocused();
  await page.keyboard.press('t');
  await expect(page.getByTestId('transfer-dialog')).toBeVisible();
  await expect(page.getByTestId('transfer-target')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('transfer-dialog')).toBeHidden();
  await expect(page.getByTestId('inbox'), await focused(page)).toBeFocused();
  // Closed with its × button instead (Tab to it, Enter): focus comes back the same way.
  await page.keyboard.press('t');
  await tabTo(page, page.getByTestId('transfer-dialog').locator('.modal-head button'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('transfer-dialog')).toBeHidden();
  await expect(page.getByTestId('inbox'), await focused(page)).toBeFocused();

  // The shortcut sheet lists the new keys and gives focus back too.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toContainText('Transfer the open conversation');
  await expect(page.getByTestId('shortcut-sheet')).toContainText('Close the open conversation');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inbox'), await focused(page)).toBeFocused();

  // Settings from its button: focus starts on the first setting and returns to the button.
  const settingsButton = page.getByTestId('open-settings');
  await tabTo(page, settingsButton);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-language')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(settingsButton).toBeFocused();

  // `c` closes: disposition first, then the wrap-up bar's Done is where focus lands.
  await page.keyboard.press('j');
  await expect(page.getByTestId('inbox')).toBeFocused();
  await page.keyboard.press('c');
  await expect(page.getByTestId('disposition')).toBeFocused();
  await expect(page.getByTestId('disposition').locator('option[value="resolved"]')).toBeAttached();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('close-submit')).toBeEnabled();
  await tabTo(page, page.getByTestId('close-submit'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('close-dialog')).toBeHidden();
  await expect(page.getByTestId('acw-done'), await focused(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('acw')).toBeHidden();
  await expect(page.getByTestId('inbox'), await focused(page)).toBeFocused();

  await customer.close();
  await context.close();
});
