/**
 * The knowledge base and suggested replies end to end, against a real hub process and two real web
 * hosts (the admin's desktop and alice's): the admin writes, edits and retires articles from the
 * app (Markdown previewed safely, errors said in the UI's language); alice sees the right article
 * suggested for a customer's message and inserts it with Alt+1, searches the knowledge base from
 * the composer with Alt+K in Chinese and English, and still finds articles with the hub stopped.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startHubProcess, type HubProcess } from '../integration/support/hub-process';
import { startChatCompletionsServer, type ChatCompletionsServer } from '../harness/host/chat-completions-server';
import { signIn } from './support/agent-page';
import { chooseAgentState, takeChat } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

// The second test finds the article the first one writes.
test.describe.configure({ mode: 'serial' });

let hub: HubProcess | null = null;
let adminsHost: WebHostProcess | null = null;
let alicesHost: WebHostProcess | null = null;
let llm: ChatCompletionsServer | null = null;

const seeded = [
  { title: '配送时间说明', body: '# 配送\n\n下单后一般48小时内发货。\n\n快递一般3-5天送达，偏远地区可能延迟，可在订单详情查看物流进度。', tags: ['logistics', '物流'], locale: 'zh-CN' },
  { title: '发票开具', body: '电子发票在确认收货后开具，可在**订单详情**下载。', tags: ['billing', '发票'], locale: 'zh-CN' },
  { title: 'Refund times', body: 'Refunds reach your account within 3-5 working days of approval.', tags: ['returns'], locale: 'en' },
  { title: 'Old delivery fees', body: 'Delivery cost 10 yuan until last year.', tags: [], locale: 'zh-CN' },
];

test.beforeAll(async () => {
  hub = await startHubProcess(mkdtempSync(join(tmpdir(), 'assist-kb-hub-')), await freePort());
  const login = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'switchboard' }) });
  const { token } = (await login.json()) as { token: string };
  for (const article of seeded) {
    const made = await fetch(`${hub.url}/api/kb/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(article) });
    expect(made.status).toBe(201);
  }
  // Alice's desktop has the optional LLM endpoint; a local server speaking the chat-completions API stands in for one.
  llm = await startChatCompletionsServer((messages) => (messages.at(-1)?.content.includes('[1] 配送时间说明') ? '您好，快递一般3-5天送达，请您耐心等待 [1]。' : '请稍等，我为您核实。'));
  adminsHost = await startWebHostProcess({ hubUrl: hub.url });
  alicesHost = await startWebHostProcess({ hubUrl: hub.url, env: { ASSIST_LLM_URL: llm.url, ASSIST_LLM_MODEL: 'local' } });
});
test.afterAll(async () => {
  await alicesHost?.stop();
  await adminsHost?.stop();
  await hub?.stop();
  await llm?.close();
});

const composerText = (page: Page) => page.getByTestId('composer').inputValue();

test('the admin writes, edits and retires knowledge-base articles from the app, in Chinese, by keyboard @assist', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(page, adminsHost!.openUrl, 'admin');
  await page.getByTestId('open-kb-admin').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '知识库文章' })).toBeVisible();
  await expect(page.getByTestId('kb-article')).toHaveCount(4);

  // A new article: saving it empty says what is missing, in the UI's language, and puts focus there.
  await page.getByTestId('kb-new').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('kb-save').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('请填写标题，最多 200 个字符。')).toBeVisible();
  await expect(page.getByTestId('kb-title')).toBeFocused();
  await expect(page.getByTestId('kb-title')).toHaveAttribute('aria-invalid', 'true');

  await page.keyboard.type('How to change your PIN');
  await page.getByTestId('kb-locale').selectOption('en');
  await page.getByTestId('kb-tags').fill('account, card');
  await page.getByTestId('kb-body').fill('## PIN\n\nYou can change your **PIN** in the app under *Card settings*.\n\n<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>');
  // The preview renders the Markdown and no HTML at all.
  const preview = page.getByTestId('kb-preview');
  await expect(preview.locator('strong')).toHaveText('PIN');
  await expect(preview.locator('h2')).toHaveText('PIN');
  await expect(preview.locator('img, script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  await expectNoSeriousA11yViolations(page, 'knowledge-base editor with a field error and a preview');
  await page.getByTestId('kb-save').click();
  await expect(page.getByRole('status').filter({ hasText: '已保存“How to change your PIN”。' })).toBeVisible();
  await expect(page.getByTestId('kb-article').filter({ hasText: 'How to change your PIN' })).toContainText('英文');

  // Editing keeps the version; retiring asks first and takes the article out of the agents' search.
  await page.getByTestId('kb-body').fill('You can change your PIN in the app under Card settings, or at any ATM.');
  await page.getByTestId('kb-save').click();
  await expect(page.getByTestId('kb-error')).toBeHidden();
  await page.getByTestId('kb-article').filter({ hasText: 'Old delivery fees' }).getByRole('button').click();
  await page.getByTestId('kb-retire').click();
  await expect(page.getByTestId('kb-retire-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('kb-article').filter({ hasText: 'Old delivery fees' })).toHaveCount(0);
  await page.getByTestId('kb-show-retired').check();
  await expect(page.getByTestId('kb-article').filter({ hasText: 'Old delivery fees' })).toContainText('已停用');
  await expectNoSeriousA11yViolations(page, 'knowledge-base admin list');
});

test('the assist panel offers the right article, Alt+1 inserts it, the composer searches the knowledge base online and offline @assist', async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(page, alicesHost!.openUrl, 'alice');
  await chooseAgentState(page, 'available');
  const customer = await takeChat(page, browser, hub!.url, '我的快递怎么还没送到？已经5天了', 'zh-CN');

  const first = page.getByTestId('assist-suggestion').first();
  await expect(first).toHaveAttribute('data-kind', 'kb');
  await expect(first).toContainText('配送时间说明');
  await expect(first).toContainText('快递一般3-5天送达');
  expect(await page.getByTestId('assist-suggestion').count()).toBeLessThanOrEqual(3);
  await page.getByTestId('composer').focus();
  await page.keyboard.press('Alt+1');
  expect(await composerText(page)).toBe('快递一般3-5天送达，偏远地区可能延迟，可在订单详情查看物流进度。');
  await expect(page.getByTestId('composer')).toBeFocused();
  // Editable before it is sent.
  await page.keyboard.type('请您再耐心等待。');
  await page.keyboard.press('Enter');
  await expect(customer.page.getByTestId('widget-log')).toContainText('偏远地区可能延迟，可在订单详情查看物流进度。请您再耐心等待。');

  // The optional LLM draft, grounded in the passages and citing them.
  await page.getByTestId('assist-draft').click();
  const draft = page.getByTestId('assist-draft-result');
  await expect(draft).toContainText('您好，快递一般3-5天送达，请您耐心等待 [1]。');
  await expect(draft).toContainText('Sources: [1] 配送时间说明');
  await draft.getByTestId('assist-draft-insert').click();
  expect(await composerText(page)).toBe('您好，快递一般3-5天送达，请您耐心等待 [1]。');
  await page.getByTestId('composer').fill('');

  // The knowledge base from the composer, in English and Chinese; an article the admin wrote is there.
  await page.getByTestId('composer').focus();
  await page.keyboard.press('Alt+k');
  await expect(page.getByTestId('kb-search-input')).toBeFocused();
  await page.keyboard.type('change my PIN');
  await expect(page.getByTestId('kb-hit').first()).toContainText('How to change your PIN');
  await expect(page.getByTestId('kb-hit').filter({ hasText: 'Old delivery fees' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'workspace with the assist panel and the knowledge-base search');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('composer')).toBeFocused();
  expect(await composerText(page)).toBe('You can change your PIN in the app under Card settings, or at any ATM.');
  await page.getByTestId('composer').fill('');

  // Every string in three languages: the panel and the search in Traditional Chinese.
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { name: '建議回覆' })).toBeVisible();
  await expect(page.getByTestId('kb-open')).toHaveText('知識庫');

  // Offline: the hub stops; the desktop's copy still answers.
  await hub!.stop();
  hub = null;
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await page.getByTestId('composer').focus();
  await page.keyboard.press('Alt+k');
  await page.keyboard.type('发票在哪里下载');
  await expect(page.getByTestId('kb-hit').first()).toContainText('发票开具');
  await expect(page.getByTestId('kb-search').getByRole('status')).toContainText('離線：正在搜尋');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('kb-search')).toBeHidden();
  await expect(page.getByTestId('composer')).toBeFocused();
  await customer.close();
});
