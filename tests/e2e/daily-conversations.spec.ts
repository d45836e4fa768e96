import { expect, test } from '@playwright/test';
import { signIn } from './support/agent-page';
import { chooseAgentState, openSettings, overlaps, takeChat } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { openWidgetCustomer } from './support/workspace-customer';

let host: WebHostProcess;
test.beforeEach(async () => {
  host = await startWebHostProcess();
});
test.afterEach(async () => {
  await host?.stop();
});

test('drafts are kept per conversation: across switching, a reload and a restart of the app @daily', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');
  const first = await takeChat(page, browser, host.hubUrl, 'Where is parcel one?');
  const second = await takeChat(page, browser, host.hubUrl, 'Where is parcel two?');

  const rowOf = (text: string) => page.getByTestId('inbox-row').filter({ hasText: text });
  await rowOf('parcel one').click();
  await page.getByTestId('composer').fill('half-written answer about parcel one');
  await page.getByTestId('mode-note').click();
  await rowOf('parcel two').click();
  await expect(page.getByTestId('composer')).toHaveValue('');
  await page.getByTestId('composer').fill('and another for parcel two');
  // Back with the keyboard: Escape, k/j, Enter.
  await page.keyboard.press('Escape');
  await page.keyboard.press(await rowOf('parcel one').evaluate((el) => (el.previousElementSibling ? 'k' : 'j')));
  await rowOf('parcel one').click();
  await expect(page.getByTestId('composer')).toHaveValue('half-written answer about parcel one');
  await expect(page.getByTestId('mode-note')).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await rowOf('parcel two').click();
  await expect(page.getByTestId('composer')).toHaveValue('and another for parcel two');

  // The whole app restarts (web host and its hub, same data folder): the drafts come back from the cache.
  await host.stop();
  host = await startWebHostProcess({ dataDir: host.dataDir });
  await signIn(page, host.openUrl, 'alice');
  await rowOf('parcel one').click();
  await expect(page.getByTestId('composer')).toHaveValue('half-written answer about parcel one');
  // Sending clears it, and after a note the box is back to replying to the customer.
  await page.getByTestId('send').click();
  await expect(page.getByTestId('composer')).toHaveValue('');
  await expect(page.getByTestId('mode-reply')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-testid="message"][data-internal="true"]')).toContainText('half-written answer about parcel one');
  await expect(page.locator('[data-testid="message"][data-internal="true"]').getByTestId('delivery')).toHaveCount(0);
  await page.reload();
  await rowOf('parcel one').click();
  await expect(page.getByTestId('composer')).toHaveValue('');

  await first.close();
  await second.close();
  await context.close();
});

for (const width of [1024, 1280, 1440]) {
  test(`offers never cover the composer or the customer panel at ${width} px, and stay answerable in a dialog @daily`, async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width, height: 800 } });
    const page = await context.newPage();
    await signIn(page, host.openUrl, 'alice');
    await chooseAgentState(page, 'available');
    const first = await takeChat(page, browser, host.hubUrl, 'I need help with my order');
    await page.getByTestId('composer').fill('Typing a reply while offers arrive');

    const waiting = [await openWidgetCustomer(browser, host.hubUrl, 'en'), await openWidgetCustomer(browser, host.hubUrl, 'en')];
    await waiting[0]!.say('Second customer here');
    await waiting[1]!.say('Third customer here');
    const offers = page.getByTestId('offers').getByTestId('offer');
    await expect(offers).toHaveCount(2);
    for (const offer of await offers.all()) {
      expect(await overlaps(offer, page.getByTestId('composer-form')), 'an offer covers the composer').toBe(false);
      expect(await overlaps(offer, page.getByTestId('customer-panel')), 'an offer covers the customer panel').toBe(false);
    }
    // The Send button is what a click there reaches.
    const send = await page.getByTestId('send').boundingBox();
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="send"]') !== null, { x: send!.x + send!.width / 2, y: send!.y + send!.height / 2 })).toBe(true);

    // In Settings (a modal dialog) the offers are shown inside the dialog and can be accepted there.
    await openSettings(page);
    const inDialog = page.getByTestId('settings').getByTestId('dialog-offers').getByTestId('offer');
    await expect(inDialog).toHaveCount(2);
    await inDialog.filter({ hasText: /New Web chat/ }).first().getByTestId('offer-accept').click();
    await expect(inDialog).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('offers').getByTestId('offer')).toHaveCount(1);

    await first.close();
    for (const w of waiting) await w.close();
    await context.close();
  });
}

test('a closed conversation says who closed it and how, an offered one offers Accept and Decline @daily', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');
  const customer = await takeChat(page, browser, host.hubUrl, 'Thanks, that is all');
  await page.getByTestId('close-conversation').click();
  await page.getByTestId('disposition').selectOption('resolved');
  await page.getByTestId('close-dialog').getByRole('textbox').fill('Customer confirmed delivery');
  await page.getByTestId('close-submit').click();
  await page.getByTestId('acw-done').click();
  await page.getByTestId('filter-status').selectOption('all');
  await page.getByTestId('inbox-row').filter({ hasText: 'Thanks, that is all' }).click();
  const notice = page.getByTestId('conversation-state');
  await expect(notice).toHaveAttribute('data-status', 'closed');
  await expect(notice).toContainText('Closed by you · Resolved');
  await expect(notice).toContainText('Customer confirmed delivery');
  await expect(notice).not.toContainText('not assigned to you');

  // An offer for a conversation opened from the inbox is answered right there.
  const next = await openWidgetCustomer(browser, host.hubUrl, 'en');
  await next.say('Can I change my address?');
  await expect(page.getByTestId('offers').getByTestId('offer')).toBeVisible();
  await page.getByTestId('inbox-row').filter({ hasText: 'Can I change my address?' }).click();
  await expect(notice).toHaveAttribute('data-status', 'offered');
  await expect(notice).toContainText('Offered to you');
  await notice.getByTestId('notice-accept').click();
  await expect(page.getByTestId('composer')).toBeFocused();

  await customer.close();
  await next.close();
  await context.close();
});
