import { expect, test } from '@playwright/test';
import { signIn } from './support/agent-page';
import { chooseAgentState, takeChat, TINY_PNG } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { openWidgetCustomer } from './support/workspace-customer';

let host: WebHostProcess;
test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

/** The image element shows real pixels: a broken image (the web host's HTML in place of the file) has none. */
const rendered = (img: import('@playwright/test').Locator) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0);

test('a photo the customer sends is visible to the agent, and the agent sends files by choosing, pasting and dropping them @daily', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');

  // The customer sends a photo of a damaged parcel through the widget.
  const customer = await openWidgetCustomer(browser, host.hubUrl, 'en');
  await customer.page.getByTestId('widget-input').fill('Here is a photo of the damaged box');
  await customer.page.getByTestId('widget-file').setInputFiles({ name: 'damaged-box.png', mimeType: 'image/png', buffer: TINY_PNG });
  await customer.page.getByTestId('widget-send').click();
  await page.getByTestId('offers').getByTestId('offer-accept').click();
  const photo = page.getByTestId('messages').getByTestId('attachment-image');
  await expect(photo).toHaveAttribute('alt', 'damaged-box.png');
  await expect.poll(() => rendered(photo), { message: 'the customer photo should render in the agent UI' }).toBe(true);

  // Chosen with the file picker: listed before sending, then in the conversation and at the customer.
  await page.getByTestId('attach-input').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: TINY_PNG });
  await expect(page.getByTestId('composer-file')).toHaveText(/label\.png/);
  await page.getByTestId('composer').fill('Please print this label');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('composer-file')).toHaveCount(0);
  const sent = page.getByTestId('message').filter({ hasText: 'Please print this label' });
  await expect(sent).toHaveAttribute('data-delivery', 'sent');
  await expect.poll(() => rendered(sent.getByTestId('attachment-image'))).toBe(true);
  await expect(customer.page.getByTestId('widget-log').locator('img[alt="label.png"]')).toBeVisible();

  // A screenshot pasted into the reply box goes alone, without text.
  await page.getByTestId('composer').focus();
  await page.getByTestId('composer').evaluate((el, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [...TINY_PNG]);
  await expect(page.getByTestId('composer-file')).toHaveText(/screenshot-\d{8}-\d{6}\.png/);
  await page.keyboard.press('Enter');
  await expect(customer.page.getByTestId('widget-log').locator('img[alt^="screenshot-"]')).toBeVisible();

  // Dropped on the reply box.
  await page.getByTestId('composer-form').evaluate((el, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'receipt.png', { type: 'image/png' }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [...TINY_PNG]);
  await expect(page.getByTestId('composer-file')).toHaveText(/receipt\.png/);

  // What cannot be sent is refused before upload, saying why and what is allowed.
  await page.getByTestId('attach-input').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await expect(page.getByTestId('attach-problem')).toContainText('setup.exe cannot be sent: only images (PNG, JPEG, GIF, WebP), PDF and plain text files can.');
  await page.getByTestId('attach-input').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
  await expect(page.getByTestId('attach-problem')).toContainText('huge.png is too large: files can be up to 5 MB.');
  await expect(page.getByTestId('composer-file')).toHaveCount(1);

  await customer.close();
  await context.close();
});

test('the inbox says "1 conversation" @daily', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(host.openUrl);
  await expect(page.getByTestId('agent-name')).toBeVisible();
  await page.getByTestId('filter-scope').selectOption('mine');
  await expect(page.getByTestId('inbox-row')).toHaveCount(1);
  await expect(page.locator('.inbox-count')).toHaveText('1 conversation');
  const second = await takeChat(page, browser, host.hubUrl, 'A second question');
  await expect(page.locator('.inbox-count')).toHaveText('2 conversations');
  await second.close();
  await context.close();
});
