import { expect, test, type Browser, type FrameLocator, type Page } from '@playwright/test';
import { signIn } from './support/agent-page';
import { startShopPage, type ShopPage } from './support/shop-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';
import { chooseAgentState } from './support/desk.js';

/** The chat widget as a website's visitor meets it: one script tag, a bubble, forms, the agent's name. */
let host: WebHostProcess;
let agent: Page;

test.beforeAll(async ({ browser }) => {
  host = await startWebHostProcess();
  agent = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(agent, host.openUrl, 'alice');
});
test.afterAll(async () => {
  await agent?.context().close();
  await host?.stop();
});

async function setAgentState(state: 'available' | 'away:break'): Promise<void> {
  await chooseAgentState(agent, state);
  await expect(agent.getByTestId('agent-name')).toHaveAttribute('data-state', state.split(':')[0]!);
}

/** A visitor on the shop's page; the bubble's panel is the widget page in a frame. */
async function visit(browser: Browser, language: string): Promise<{ page: Page; shop: ShopPage; widget: FrameLocator; bubble: ReturnType<Page['locator']> }> {
  const shop = await startShopPage(host.hubUrl, language);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(shop.url);
  const bubble = page.locator('#switchboard-widget button[aria-controls="panel"]');
  await expect(bubble).toBeVisible();
  return { page, shop, widget: page.frameLocator('#switchboard-widget iframe'), bubble };
}

test('a visitor opens the bubble, fills the pre-chat form, and the agent sees their name; replies show who answers @newcomer', async ({ browser }) => {
  await setAgentState('available');
  const { page, shop, widget, bubble } = await visit(browser, 'en');
  await expect(bubble).toHaveAccessibleName('Open the chat');
  await bubble.click();
  await expect(bubble).toHaveAttribute('aria-expanded', 'true');
  await expect(widget.getByTestId('widget-prechat')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'widget pre-chat form in the bubble');

  // The form says what is missing, in words, before it lets the visitor start.
  await widget.getByTestId('prechat-start').click();
  await expect(widget.getByRole('alert').first()).toHaveText('Please fill in this field.');
  await widget.getByTestId('prechat-name').fill('Mia Wong');
  await widget.getByTestId('prechat-contact').fill('mia.wong@example.com');
  await widget.getByTestId('prechat-consent').check();
  await widget.getByTestId('prechat-start').click();
  await widget.getByTestId('widget-input').fill('Hello, where is my order?');
  await widget.getByTestId('widget-input').press('Enter');
  await expect(widget.getByTestId('widget-log')).toContainText('Hello, where is my order?');

  const offer = agent.getByTestId('offer').filter({ hasText: 'Mia Wong' });
  await expect(offer).toContainText('Hello, where is my order?');
  await offer.getByTestId('offer-accept').click();
  await expect(agent.getByRole('heading', { name: 'Mia Wong' })).toBeVisible();
  await expect(agent.getByTestId('identities')).toContainText('mia.wong@example.com');
  // The consent the visitor ticked is kept, in the words they read, and shown with the customer.
  await expect(agent.getByTestId('consent')).toContainText('I agree that my name, contact details and this chat are kept to answer my request.');

  await agent.getByTestId('composer').fill('Hi Mia, let me look that up.');
  await expect(widget.getByTestId('widget-typing')).toHaveText('An agent is typing…');
  await agent.getByTestId('send').click();
  await expect(widget.locator('[data-direction="out"]')).toHaveAttribute('data-author', 'Alice Wang');
  await expect(widget.getByTestId('widget-agent')).toHaveText('You are chatting with Alice Wang');
  await agent.getByTestId('composer').fill('One moment');
  await expect(widget.getByTestId('widget-typing')).toHaveText('Alice Wang is typing…');
  await agent.getByTestId('composer').fill('');

  // Minimised, a reply shows as an unread badge on the bubble; opening clears it.
  await widget.getByTestId('widget-minimise').click();
  await expect(bubble).toHaveAttribute('aria-expanded', 'false');
  await expect(bubble).toBeFocused();
  await agent.getByTestId('composer').fill('Your parcel is with the courier.');
  await agent.getByTestId('send').click();
  await expect(bubble).toHaveAccessibleName('Open the chat (1 unread)');
  await expect(page.locator('#switchboard-widget .badge')).toHaveText('1');
  await expectNoSeriousA11yViolations(page, 'shop page with the widget bubble and an unread reply');
  await bubble.press('Enter');
  await expect(page.locator('#switchboard-widget .badge')).toBeHidden();
  await expect(widget.getByTestId('widget-log')).toContainText('Your parcel is with the courier.');
  await expectNoSeriousA11yViolations(page, 'widget chat in the bubble');
  await page.context().close();
  await shop.close();
});

test('with every agent away, the offline form takes a message that becomes a conversation @newcomer', async ({ browser }) => {
  await setAgentState('away:break');
  const { page, shop, widget, bubble } = await visit(browser, 'zh-CN');
  await expect(bubble).toHaveAccessibleName('打开在线客服');
  await bubble.click();
  await expect(widget.getByTestId('widget-offline')).toBeVisible();
  await expect(widget.getByRole('heading', { name: '客服暂时不在线' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'widget offline form');
  await widget.getByTestId('offline-name').fill('周小雨');
  await widget.getByTestId('offline-contact').fill('13812345678');
  await widget.getByTestId('offline-message').fill('想问一下退货地址是哪里？');
  await widget.getByRole('checkbox').check();
  await widget.getByTestId('offline-send').click();
  await expect(widget.getByTestId('widget-thanks')).toContainText('谢谢您，周小雨');

  await setAgentState('available');
  const offer = agent.getByTestId('offer').filter({ hasText: '周小雨' });
  await expect(offer).toContainText('想问一下退货地址是哪里？');
  await offer.getByTestId('offer-accept').click();
  await expect(agent.getByTestId('identities')).toContainText('+8613812345678');
  await page.context().close();
  await shop.close();
});

test('a file over the limit is refused in the visitor language with the limit, and the typed text stays @newcomer', async ({ browser }) => {
  await setAgentState('available');
  const page = await (await browser.newContext({ viewport: { width: 400, height: 700 } })).newPage();
  await page.goto(`${host.hubUrl}/widget?lang=zh-TW`);
  await page.getByTestId('prechat-name').fill('王小明');
  await page.getByTestId('prechat-contact').fill('ming@example.tw');
  await page.getByTestId('prechat-consent').check();
  await page.getByTestId('prechat-start').click();
  await page.getByTestId('widget-input').fill('這是破損的照片');
  await page.getByTestId('widget-file').setInputFiles({ name: 'box.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
  await page.getByTestId('widget-send').click();
  await expect(page.getByTestId('widget-status')).toHaveText('檔案太大：單一檔案不能超過 5 MB。您輸入的文字已保留。');
  await expect(page.getByTestId('widget-input')).toHaveValue('這是破損的照片');
  await page.getByTestId('widget-file').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await page.getByTestId('widget-send').click();
  await expect(page.getByTestId('widget-status')).toContainText('不支援此檔案類型');
  await expect(page.getByTestId('widget-input')).toHaveValue('這是破損的照片');
  // Nothing overflows the narrow window: the send button stays inside it.
  const send = await page.getByTestId('widget-send').boundingBox();
  expect(send && send.x + send.width).toBeLessThanOrEqual(400);
  await expectNoSeriousA11yViolations(page, 'widget page with an upload error');
  await page.context().close();
});
