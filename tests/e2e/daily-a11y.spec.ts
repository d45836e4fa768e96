/**
 * Axe on every screen of the agent's workspace, in light and dark and in en, zh-CN and zh-TW
 * (issue 21, tests). The desk is set up once in English; then each look (language × theme) walks
 * the screens an agent meets in a day and scans each one. The supervisor console has its own scan
 * in daily-supervisor.spec.ts, the offline screens in daily-offline.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/agent-page';
import { chooseAgentState, takeChat, TINY_PNG } from './support/desk';
import { LOOKS, lookAs } from './support/looks';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { openWidgetCustomer } from './support/workspace-customer';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

// Each test its own desk: the widget's chats must not be waiting in the workspace test's inbox.
let host: WebHostProcess;
test.beforeEach(async () => {
  host = await startWebHostProcess();
});
test.afterEach(async () => {
  await host?.stop();
});

const row = (page: Page, text: string) => page.getByTestId('inbox-row').filter({ hasText: text });

/** The controls among `testIds` that are clipped: text cut off, or partly outside the window or their form. */
const cutOff = (page: Page, testIds: string[]): Promise<string[]> =>
  page.evaluate((ids) => {
    const form = document.querySelector('[data-testid="composer-form"]')!.getBoundingClientRect();
    return ids.flatMap((id) => {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (!el) return [`${id} missing`];
      const box = el.getBoundingClientRect();
      const cut = el.scrollWidth > el.clientWidth + 1 || box.right > Math.min(window.innerWidth, form.right) + 0.5 || box.left < form.left - 0.5;
      return cut ? [`${id} (${el.textContent?.trim()}) is cut off`] : [];
    });
  }, testIds);

test('axe finds nothing serious on the customer widget, away and chatting, with an upload error, in light and dark, in three languages @daily', async ({ browser }) => {
  test.setTimeout(300_000);
  // Nobody is available yet: the widget shows its leave-a-message form.
  for (const { lang, theme } of LOOKS) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${host.hubUrl}/widget?lang=${lang}`);
    await lookAs(page, lang, theme, { language: 'url' });
    await expect(page.getByTestId('widget-offline')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `widget, away form ${lang} ${theme}`);
    await page.context().close();
  }
  const context = await browser.newContext({ locale: 'en-US' });
  const agent = await context.newPage();
  await signIn(agent, host.openUrl, 'alice');
  await chooseAgentState(agent, 'available');
  for (const { lang, theme } of LOOKS) {
    const customer = await openWidgetCustomer(browser, host.hubUrl, lang);
    await lookAs(customer.page, lang, theme, { language: 'url' });
    await expect(customer.page.getByTestId('widget-input')).toBeVisible();
    await customer.say(`Hello from ${lang} ${theme}`);
    await expectNoSeriousA11yViolations(customer.page, `widget ${lang} ${theme}`);
    await customer.page.getByTestId('widget-file').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await customer.page.getByTestId('widget-send').click();
    await expect(customer.page.getByTestId('widget-status')).not.toBeEmpty();
    await expectNoSeriousA11yViolations(customer.page, `widget with an upload error ${lang} ${theme}`);
    await customer.close();
  }
  await context.close();
});

test('axe finds nothing serious on any workspace screen, in light and dark, in three languages @daily', async ({ browser }) => {
  test.setTimeout(600_000);
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');

  // The conversation the agent is in (with the customer's photo, a reply, the composer in note mode) and one offered.
  const helped = await openWidgetCustomer(browser, host.hubUrl, 'en');
  await helped.page.getByTestId('widget-input').fill('Here is a photo of the damaged box, invoice INV-4471');
  await helped.page.getByTestId('widget-file').setInputFiles({ name: 'damaged-box.png', mimeType: 'image/png', buffer: TINY_PNG });
  await helped.page.getByTestId('widget-send').click();
  await page.getByTestId('offers').getByTestId('offer-accept').click();
  await expect(page.getByTestId('messages').getByTestId('attachment-image')).toBeVisible();
  await page.getByTestId('composer').fill('Let me look at the invoice');
  await page.getByTestId('send').click();
  await page.getByTestId('mode-note').click();

  const offered = await openWidgetCustomer(browser, host.hubUrl, 'en');
  await offered.say('Can I change my address?');
  await page.getByTestId('filter-status').selectOption('all');
  await expect(page.getByTestId('inbox-row')).toHaveCount(2);

  for (const { lang, theme } of LOOKS) {
    const look = `${lang} ${theme}`;
    await lookAs(page, lang, theme);

    // Each look closes a chat of its own: the close dialog, the 30 s wrap-up bar, then the closed conversation.
    const done = await takeChat(page, browser, host.hubUrl, `Thanks, that is all (${look})`);
    await page.getByTestId('close-conversation').click();
    await expect(page.getByTestId('close-dialog')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `close dialog ${look}`);
    await page.getByTestId('disposition').selectOption('resolved');
    await page.getByTestId('close-dialog').getByRole('textbox').fill('Customer confirmed delivery');
    await page.getByTestId('close-submit').click();
    await expect(page.getByTestId('acw')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `after-call work ${look}`, '[data-testid="acw"]');
    await page.getByTestId('acw-done').click();
    await expect(page.getByTestId('acw')).toBeHidden();
    await row(page, `(${look})`).click();
    await expect(page.getByTestId('conversation-state')).toHaveAttribute('data-status', 'closed');
    await expectNoSeriousA11yViolations(page, `closed conversation ${look}`);
    await done.close();

    // The conversation the agent is in: messages with a photo, the composer in note mode, the 360 panel.
    await row(page, 'Let me look at the invoice').click();
    await expect(page.getByTestId('composer')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `conversation ${look}`);

    await page.getByTestId('agent-state').click();
    await expect(page.getByTestId('agent-state-menu')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `state menu ${look}`);
    await page.keyboard.press('Escape');

    await page.getByTestId('search-input').fill('invoice');
    await expect(page.getByTestId('search-result').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, `search results ${look}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('search-input').fill('');

    await page.getByTestId('transfer').click();
    await expect(page.getByTestId('transfer-dialog')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `transfer dialog ${look}`);
    await page.keyboard.press('Escape');

    await page.getByTestId('inbox').focus();
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `shortcut sheet ${look}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('open-settings').click();
    await expect(page.getByTestId('settings')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `settings ${look}`);
    await page.keyboard.press('Escape');

    // The offered conversation with its toast (an unanswered offer comes back every 20 s).
    await expect(page.getByTestId('offers').getByTestId('offer')).toBeVisible({ timeout: 30_000 });
    await row(page, 'change my address').click();
    await expect(page.getByTestId('conversation-state')).toHaveAttribute('data-status', /offered|queued/);
    await expectNoSeriousA11yViolations(page, `offered conversation and offer toast ${look}`);

    // Narrow: the top bar's "More" menu.
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByTestId('topbar-more').click();
    await expect(page.getByTestId('open-settings')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `top bar menu at 1024 px ${look}`);
    await page.keyboard.press('Escape');
    // And the composer's buttons are whole there (the review saw "Sen" and "发" at 1024 px).
    await row(page, 'Let me look at the invoice').click();
    expect(await cutOff(page, ['send', 'mode-reply', 'mode-note', 'attach']), `composer at 1024 px ${look}`).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  // Signed out: the sign-in screen.
  await lookAs(page, 'en', 'light');
  await page.getByRole('button', { name: /sign out/i }).click();
  await expect(page.getByLabel(/username/i)).toBeVisible();
  for (const { lang, theme } of LOOKS) {
    await lookAs(page, lang, theme);
    await expectNoSeriousA11yViolations(page, `sign-in ${lang} ${theme}`);
  }

  await helped.close();
  await offered.close();
  await context.close();
});
