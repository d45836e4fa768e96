import { expect, test } from '@playwright/test';
import { signIn } from './support/agent-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

test('a widget customer reaches the agent, who accepts and replies @chat', async ({ browser }) => {
  const agentContext = await browser.newContext({ locale: 'zh-CN' });
  const agent = await agentContext.newPage();
  const phonePopup = agentContext.waitForEvent('page');
  await signIn(agent, host.openUrl, 'alice');
  // This hub has no telephony: the phone pop-up opened at sign-in closes itself, and the top bar says why.
  const phonePage = await phonePopup;
  if (!phonePage.isClosed()) await phonePage.waitForEvent('close', { timeout: 20_000 });
  await expect(agent.getByTestId('phone-registration')).toHaveText('未配置电话');
  await expect(agent.getByTestId('open-phone')).toHaveCount(0);

  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`${host.hubUrl}/widget?lang=zh-CN`);
  await customer.getByTestId('widget-input').fill('你好，我的订单还没到');
  await customer.getByTestId('widget-send').click();
  await expect(customer.getByTestId('widget-log')).toContainText('你好，我的订单还没到');

  const offer = agent.getByTestId('offer');
  await expect(offer).toContainText('你好，我的订单还没到');
  await offer.getByRole('button', { name: '接受' }).click();
  await expect(agent.getByTestId('messages')).toContainText('你好，我的订单还没到');
  await expect(agent.getByTestId('inbox-row')).toHaveCount(1);

  // Typing shows on the other side, both ways, and goes away once the message is sent.
  await customer.getByTestId('widget-input').pressSequentially('在吗');
  await expect(agent.getByTestId('customer-typing')).toBeVisible();
  await customer.getByTestId('widget-input').fill('');
  await expect(agent.getByTestId('customer-typing')).toBeHidden();
  await agent.getByTestId('composer').fill('您好，我来帮您查一下物流。');
  await expect(customer.getByTestId('widget-typing')).toHaveText('客服正在输入…');
  await agent.getByTestId('send').click();
  await expect(customer.getByTestId('widget-typing')).toHaveText('');
  await expect(agent.getByTestId('message').last()).toContainText('已发送');

  await expect(customer.locator('[data-direction="out"]')).toHaveText(['您好，我来帮您查一下物流。']);
  await agentContext.close();
  await customerContext.close();
});

test('the interface switches language at runtime @chat', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  // The host keeps one signed-in agent for every window, as the desktop does: this page opens on alice's inbox.
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { name: '收件匣' })).toBeVisible();
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '收件箱' })).toBeVisible();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  await context.close();
});

test('a page without the start token is refused, and says why @chat', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(host.openUrl.replace(/#token=.*/, '#token=wrong'));
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('switchboard');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await context.close();
});
