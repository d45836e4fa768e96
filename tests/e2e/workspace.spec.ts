import { createHmac } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { postWechat, TEST_WECHAT_TOKEN, wechatTextXml } from '../harness/hub/channel-requests';
import { signIn } from './support/agent-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';
import { openWidgetCustomer, openWorkspace } from './support/workspace-customer';
import { chooseAgentState } from './support/desk';

/**
 * The agent workspace end to end: alice on one web host, bob on a second web host pointed at the
 * same hub (a web host keeps one signed-in agent, as the desktop does), customers on the hub's widget.
 */
let alicesHost: WebHostProcess;
let bobsHost: WebHostProcess;

const WIDGET_SECRET = 'workspace-e2e-widget-secret';

test.beforeAll(async () => {
  // The embedded hub reads its channel secrets from the environment of the web host that spawns it;
  // set them for this spawn only, so specs that run later in this worker get a plain hub.
  const saved = { WECHAT_TOKEN: process.env.WECHAT_TOKEN, WIDGET_IDENTITY_SECRET: process.env.WIDGET_IDENTITY_SECRET };
  Object.assign(process.env, { WECHAT_TOKEN: TEST_WECHAT_TOKEN, WIDGET_IDENTITY_SECRET: WIDGET_SECRET });
  const starting = startWebHostProcess();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  alicesHost = await starting;
  bobsHost = await startWebHostProcess({ hubUrl: alicesHost.hubUrl });
});
test.afterAll(async () => {
  await bobsHost?.stop();
  await alicesHost?.stop();
});

async function setAway(page: Page): Promise<void> {
  await chooseAgentState(page, 'away:break');
  await expect(page.getByTestId('agent-name')).toHaveAttribute('data-state', 'away');
}

async function setAvailable(page: Page): Promise<void> {
  await chooseAgentState(page, 'available');
  await expect(page.getByTestId('agent-name')).toHaveAttribute('data-state', 'available');
}

test('accept, reply, canned response, note, transfer to bob, who closes with a disposition @workspace', async ({ browser }) => {
  const aliceContext = await browser.newContext({ locale: 'zh-CN' });
  const alice = await aliceContext.newPage();
  await signIn(alice, alicesHost.openUrl, 'alice');
  await setAvailable(alice);
  await expectNoSeriousA11yViolations(alice, 'empty inbox');

  const bobContext = await browser.newContext({ locale: 'zh-CN' });
  const bob = await bobContext.newPage();
  await signIn(bob, bobsHost.openUrl, 'bob');
  // bob stays away so the offer goes to alice; a transfer to a named agent does not need him available.
  await chooseAgentState(bob, 'away:break');

  const customer = await openWidgetCustomer(browser, alicesHost.hubUrl);
  await customer.say('我的快递三天没动了');

  const offer = alice.getByTestId('offer');
  await expect(offer).toContainText('我的快递三天没动了');
  await expect(offer).toContainText(/\d+ 秒|\d+ s/);
  await offer.getByTestId('offer-accept').focus();
  await alice.keyboard.press('Enter');
  await expect(alice.getByTestId('messages')).toContainText('我的快递三天没动了');
  await expect(alice.getByTestId('inbox-row')).toHaveCount(1);
  await expect(alice.getByTestId('inbox-row').first().getByTestId('sla')).toBeVisible();

  await alice.getByTestId('composer').fill('您好，我来帮您查一下物流。');
  await alice.getByTestId('send').click();
  await expect(alice.getByTestId('message').last()).toHaveAttribute('data-delivery', 'sent');

  // A canned response from the keyboard: "/" in an empty composer opens the picker, search, Enter inserts with variables filled.
  await alice.getByTestId('composer').focus();
  await alice.keyboard.press('/');
  await alice.getByTestId('canned-search').fill('订单');
  await alice.keyboard.press('Enter');
  await expect(alice.getByTestId('composer')).toHaveValue('请提供一下您的订单号，我帮您查询物流状态。');
  await expect(alice.getByTestId('composer')).toBeFocused();
  await alice.keyboard.press('Enter');
  await expect(customer.page.locator('[data-direction="out"]')).toHaveText(['您好，我来帮您查一下物流。', '请提供一下您的订单号，我帮您查询物流状态。']);

  // An internal note stays with the agents.
  await alice.getByTestId('mode-note').click();
  await alice.getByTestId('composer').fill('客户很着急，优先处理');
  await alice.getByTestId('send').click();
  await expect(alice.locator('[data-testid="message"][data-internal="true"]')).toContainText('客户很着急，优先处理');
  await expect(customer.page.getByTestId('widget-log')).not.toContainText('客户很着急');

  await expectNoSeriousA11yViolations(alice, 'conversation');

  // Transfer to bob with a note.
  await alice.getByTestId('transfer').click();
  const transfer = alice.getByTestId('transfer-dialog');
  await expect(transfer.getByRole('option', { name: /Bob Li/ })).toBeAttached();
  await expectNoSeriousA11yViolations(alice, 'transfer dialog');
  await transfer.getByTestId('transfer-target').selectOption('agent:agt_bob');
  await transfer.getByTestId('transfer-note').fill('物流问题，客户已提供订单号');
  await transfer.getByTestId('transfer-submit').click();
  await expect(transfer).toBeHidden();
  await expect(alice.getByTestId('composer')).toBeHidden();

  await expect(bob.getByTestId('inbox-row')).toHaveCount(1);
  await bob.getByTestId('inbox-row').first().click();
  await expect(bob.getByTestId('messages')).toContainText('我的快递三天没动了');
  await expect(bob.getByTestId('messages')).toContainText('物流问题，客户已提供订单号');

  // Close with a required disposition; the hub starts after-call work.
  await bob.getByTestId('close-conversation').click();
  const close = bob.getByTestId('close-dialog');
  await expect(close.getByTestId('close-submit')).toBeDisabled();
  await expectNoSeriousA11yViolations(bob, 'close dialog');
  await close.getByTestId('disposition').selectOption('resolved');
  await close.getByTestId('close-submit').click();
  await expect(close).toBeHidden();
  await expect(bob.getByTestId('acw')).toBeVisible();
  await expect(bob.getByTestId('agent-name')).toHaveAttribute('data-state', 'after_call_work');
  await bob.getByTestId('acw-done').click();
  await expect(bob.getByTestId('acw')).toBeHidden();

  await customer.close();
  await aliceContext.close();
  await bobContext.close();
});

test('inbox: filters, keyboard navigation, shortcut sheet, settings @workspace', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await openWorkspace(page, alicesHost.openUrl, 'alice');
  await page.getByTestId('language').selectOption('en');
  await setAvailable(page);

  const customer = await openWidgetCustomer(browser, alicesHost.hubUrl, 'en');
  await customer.say('Where is my refund?');
  await page.getByTestId('offer').getByTestId('offer-accept').click();
  await expect(page.getByTestId('messages')).toContainText('Where is my refund?');

  // A second customer waits in the queue while alice works on the first.
  await setAway(page);
  const waiting = await openWidgetCustomer(browser, alicesHost.hubUrl, 'en');
  await waiting.say('Is anyone there?');
  await expect(page.getByTestId('inbox-row').filter({ hasText: 'Is anyone there?' })).toBeVisible();

  const rows = page.getByTestId('inbox-row');
  const open = await rows.count();
  expect(open).toBeGreaterThanOrEqual(2);
  await page.getByTestId('filter-scope').selectOption('queue');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Is anyone there?');
  await page.getByTestId('filter-scope').selectOption('mine');
  await expect(rows.filter({ hasText: 'Where is my refund?' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Is anyone there?' })).toHaveCount(0);
  await page.getByTestId('filter-scope').selectOption('all');
  await page.getByTestId('filter-channel').selectOption('wechat');
  await expect(rows).toHaveCount(0);
  await page.getByTestId('filter-channel').selectOption('all');
  await page.getByTestId('filter-status').selectOption('closed');
  await expect(rows.filter({ hasText: 'Is anyone there?' })).toHaveCount(0);
  await page.getByTestId('filter-status').selectOption('open');
  await expect(rows).toHaveCount(open);

  // j/k move the cursor through the list, Enter opens.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await expect(page.getByTestId('inbox')).toBeFocused();
  await page.keyboard.press('j');
  const second = page.getByTestId('inbox-row').nth(1);
  await expect(second).toHaveClass(/active/);
  await page.keyboard.press('Enter');
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inbox-row').first()).toHaveAttribute('aria-selected', 'true');

  // `?` opens the shortcut sheet, Escape closes it.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Next conversation');
  await expectNoSeriousA11yViolations(page, 'shortcut sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // Settings: theme persists across a reload; language switches the whole UI.
  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('settings');
  await expect(settings).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'settings');
  await settings.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await settings.getByTestId('settings-sounds').uncheck();
  await page.keyboard.press('Escape');
  await expectNoSeriousA11yViolations(page, 'dark theme');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('settings-sounds')).not.toBeChecked();
  await page.getByTestId('settings-language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { name: '設定' })).toBeVisible();

  await waiting.close();
  await customer.close();
  await context.close();
});

test('the sign-in screen passes an accessibility scan @workspace', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  // The web host keeps one signed-in agent for all its windows: sign bob out there (if still in) to see the sign-in screen.
  await page.goto(bobsHost.openUrl);
  const signOut = page.getByRole('button', { name: /sign out|退出登录|登出/i });
  const signInButton = page.getByRole('button', { name: /^(sign in|登录|登入)$/i });
  await expect(signOut.or(signInButton)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  await expect(signInButton).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'sign-in');
  await context.close();
});

test('a customer who wrote on WeChat and then on the widget with the same phone: the 360 panel joins them @workspace', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await openWorkspace(page, alicesHost.openUrl, 'alice');
  await page.getByTestId('language').selectOption('zh-CN');
  await setAvailable(page);

  // On WeChat the customer only types a phone number: an unproven claim.
  const wechat = await postWechat(alicesHost.hubUrl, wechatTextXml('oWx_e2e_zhang', '我的手机号是 138 0013 8000，耳机订单还没到', String(Date.now())));
  expect(wechat.status).toBe(200);
  await page.getByTestId('offer').filter({ hasText: '耳机订单还没到' }).getByTestId('offer-accept').click();
  await expect(page.getByTestId('messages')).toContainText('耳机订单还没到');

  // Later on the website, signed in: the site vouches for the same phone, which is the known customer 张伟.
  const expires = Math.floor(Date.now() / 1000) + 3600;
  const signature = createHmac('sha256', WIDGET_SECRET).update(`v1|e2e-zhang-visitor|13800138000||${expires}`).digest('hex');
  const widget = await openWidgetCustomer(browser, alicesHost.hubUrl, `zh-CN&visitor=e2e-zhang-visitor&phone=13800138000&exp=${expires}&sig=${signature}`);
  await widget.say('我在网页上继续问耳机的事');
  await page.getByTestId('offer').filter({ hasText: '我在网页上继续问' }).getByTestId('offer-accept').click();

  const panel = page.getByTestId('customer-panel');
  await expect(panel.locator('.customer-name')).toHaveText('张伟');
  await expect(panel.getByTestId('order')).toHaveCount(2);
  await expect(panel.getByTestId('order').first()).toContainText('¥');
  await expect(panel.getByTestId('history-summary')).toBeVisible();
  const suggestion = panel.getByTestId('merge-suggestion');
  await expect(suggestion).toContainText('+8613800138000');
  await expectNoSeriousA11yViolations(page, 'customer 360');

  await suggestion.getByTestId('merge-accept').click();
  const timeline = panel.getByTestId('timeline-entry');
  await expect(timeline.filter({ has: page.locator('.channel-wechat') })).toHaveCount(1);
  await expect(timeline.filter({ has: page.locator('.channel-widget') })).toHaveCount(1);
  await expect(panel.getByTestId('order')).toHaveCount(2);
  const record = panel.getByTestId('merge-record');
  await expect(record).toHaveCount(1);

  await record.getByTestId('merge-undo').click();
  await expect(record.getByTestId('merge-undo')).toHaveCount(0);
  await expect(timeline).toHaveCount(1);

  await widget.close();
  await context.close();
});
