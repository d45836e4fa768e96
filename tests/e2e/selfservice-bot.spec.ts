/**
 * The self-service bot in front of the queue, end to end through the real web host, hub and widget
 * page: a customer on the widget gets a knowledge-base answer and their order's status from the bot,
 * presses the widget's 转人工 button, and the agent receives the conversation with the whole bot
 * exchange, each bot message marked as the bot's, and the 360 saying what was asked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { chooseAgentState } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';
import { openWidgetCustomer, openWorkspace } from './support/workspace-customer';

let host: WebHostProcess;

async function createArticle(hubUrl: string, token: string, article: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${hubUrl}/api/kb/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(article),
  });
  expect(response.status).toBe(201);
}

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bot-'));
  const botFile = join(dir, 'bot.json');
  writeFileSync(botFile, JSON.stringify({ enabled: true, channels: ['widget'] }));
  host = await startWebHostProcess({ env: { BOT_FILE: botFile } });
  // The admin writes the knowledge base the bot answers from, through the hub's API.
  const login = await fetch(`${host.hubUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'switchboard' }) });
  const { token } = (await login.json()) as { token: string };
  await createArticle(host.hubUrl, token, { title: '如何申请退款', body: '在**订单详情页**点击"申请退款"，审核通过后 3-5 个工作日原路退回。', tags: ['退款'], locale: 'zh-CN' });
  await createArticle(host.hubUrl, token, { title: '客服工作时间', body: '在线客服每天 9:00-21:00 在线，周六周日照常营业。', tags: ['营业时间'], locale: 'zh-CN' });
  await createArticle(host.hubUrl, token, { title: 'How do I get a refund?', body: 'Open the order and choose Request a refund.', tags: ['refund'], locale: 'en' });
});
test.afterAll(async () => {
  await host?.stop();
});

/** The shop's records: an order of the customer who wrote `text` (the CRM adapter reads the hub's orders table). */
function giveOrderTo(text: string): void {
  const db = new Database(join(host.dataDir, 'hub', 'hub.sqlite'));
  try {
    const row = db.prepare<[string], { customer_id: string }>('SELECT c.customer_id FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE m.text = ? LIMIT 1').get(text);
    if (!row) throw new Error('no conversation holds that message yet');
    db.prepare('INSERT INTO orders (id, customer_id, platform, status, total_minor, currency, summary, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      '202612010007', row.customer_id, 'taobao', 'shipped', 9_900, 'CNY', '保温杯 ×1', Date.UTC(2026, 11, 1),
    );
  } finally {
    db.close();
  }
}

test('the bot answers a FAQ and an order question, then 转人工 hands the whole exchange to the agent @selfservice', async ({ browser }) => {
  test.setTimeout(180_000);
  const alice = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await openWorkspace(alice, host.openUrl, 'alice');
  await chooseAgentState(alice, 'available');

  const customer = await openWidgetCustomer(browser, host.hubUrl, 'zh-CN');
  const log = customer.page.getByTestId('widget-log');
  const fromBot = log.locator('li[data-bot="true"]');
  await customer.say('请问怎么申请退款？');
  await expect(fromBot.first()).toContainText('在订单详情页点击"申请退款"');
  // Labelled as the assistant in the visitor's language, with a button to reach a person.
  await expect(fromBot.first()).toHaveAttribute('data-author', '智能助手');
  const human = customer.page.getByTestId('widget-human');
  await expect(human).toHaveText('转人工');

  giveOrderTo('请问怎么申请退款？');
  await customer.say('我的订单到哪了');
  await expect(fromBot.nth(1)).toHaveText('您的订单 202612010007（保温杯 ×1，2026-12-01 下单）：已发货，正在配送中。');
  await expectNoSeriousA11yViolations(customer.page, 'widget with the bot');
  // While the bot answers, nobody is offered the chat.
  await expect(alice.getByTestId('offer')).toHaveCount(0);

  await human.click();
  await expect(log).toContainText('正在为您转接人工客服');
  await expect(human).toBeHidden();

  // The only chat offered is this one, handed off with the bot's last words as its preview.
  const offer = alice.getByTestId('offer');
  await expect(offer).toHaveCount(1);
  await expect(offer).toContainText('正在为您转接人工客服');
  await offer.getByTestId('offer-accept').click();
  const messages = alice.getByTestId('messages');
  await expect(messages).toContainText('我的订单到哪了');
  const botMessages = messages.locator('[data-testid="message"][data-author-kind="bot"]');
  await expect(botMessages).toHaveCount(3);
  await expect(botMessages.first()).toContainText('Bot');
  await expect(botMessages.nth(1)).toContainText('已发货，正在配送中');
  await expect(messages.locator('[data-testid="message"][data-author-kind="customer"]')).toHaveCount(3);
  await expect(messages).toContainText('Handed off by the bot: the customer asked for a person.');
  await expect(alice.getByTestId('timeline-asked-bot').first()).toHaveText('Asked the bot: 请问怎么申请退款？ · 我的订单到哪了 · 转人工');
  await expectNoSeriousA11yViolations(alice, 'conversation handed off by the bot');

  // The agent answers; the customer's widget shows a person now, without the button.
  await alice.getByTestId('composer').fill('您好，我是 Alice，来帮您处理。');
  await alice.getByTestId('send').click();
  await expect(log).toContainText('您好，我是 Alice，来帮您处理。');
  await expect(human).toBeHidden();
  await customer.close();
});

test('the widget speaks for the bot in English and Traditional Chinese too @selfservice', async ({ browser }) => {
  for (const [lang, label, button, question, answer] of [
    ['en', 'Assistant', 'Talk to a person', 'how do I get a refund', 'Open the order and choose Request a refund.'],
    ['zh-TW', '智能助理', '轉人工', '請問怎麼申請退款', '在订单详情页点击'],
  ] as const) {
    const customer = await openWidgetCustomer(browser, host.hubUrl, lang);
    await customer.say(question);
    const fromBot = customer.page.getByTestId('widget-log').locator('li[data-bot="true"]');
    await expect(fromBot.first(), lang).toContainText(answer);
    await expect(fromBot.first()).toHaveAttribute('data-author', label);
    await expect(customer.page.getByTestId('widget-human')).toHaveText(button);
    await customer.close();
  }
});
