/**
 * Agent assist end to end against the real hub (through two real web hosts: alice's desktop and
 * sam's): escalation at once for the agent and the supervisor, intent routing into the desk's
 * queues with the intent shown, the compliance warning before send and the supervisor's alert,
 * and an angry waiting customer offered before a calmer one who waited longer.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { seedDemoData } from '../../src/hub/demo-data';
import { openSqliteHubStore } from '../../src/hub/store/sqlite-hub-store';
import { chooseAgentState } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';
import { openWidgetCustomer, openWorkspace } from './support/workspace-customer';

let alicesHost: WebHostProcess;
let samsHost: WebHostProcess;
let hubFile: string;

test.beforeAll(async () => {
  // The living demo's desk queues (logistics, returns, billing, product, account), without its traffic and phone.
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-assist-'));
  mkdirSync(join(dataDir, 'hub'), { mode: 0o700 });
  hubFile = join(dataDir, 'hub', 'hub.sqlite');
  const store = openSqliteHubStore(hubFile);
  await seedDemoData(store, Date.now(), { serviceQueues: true });
  store.close();
  alicesHost = await startWebHostProcess({ dataDir });
  samsHost = await startWebHostProcess({ hubUrl: alicesHost.hubUrl });
});
test.afterAll(async () => {
  await samsHost?.stop();
  await alicesHost?.stop();
});

function queueOf(conversationText: string): string | null {
  const db = new Database(hubFile, { readonly: true });
  try {
    const row = db
      .prepare<[string], { queue: string }>('SELECT c.queue FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE m.text = ? LIMIT 1')
      .get(conversationText);
    return row?.queue ?? null;
  } finally {
    db.close();
  }
}

test('escalation, intent routing and compliance reach the agent and the supervisor @assist', async ({ browser }) => {
  test.setTimeout(180_000);
  const alice = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await openWorkspace(alice, alicesHost.openUrl, 'alice');
  const sam = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await openWorkspace(sam, samsHost.openUrl, 'sam');
  await chooseAgentState(sam, 'away:break');
  await expect(sam.getByTestId('agent-name')).toHaveAttribute('data-state', 'away');
  await sam.getByTestId('open-supervisor').click();
  const feed = sam.getByTestId('alert-feed');

  // Nobody is free: a calm customer, then an angry one, wait. The angry one is alerted on at once and moves ahead.
  await chooseAgentState(alice, 'away:break');
  await expect(alice.getByTestId('agent-name')).toHaveAttribute('data-state', 'away');
  const calm = await openWidgetCustomer(browser, alicesHost.hubUrl, 'zh-CN');
  await calm.say('你好，请问这个耳机支持降噪吗');
  await expect.poll(() => queueOf('你好，请问这个耳机支持降噪吗')).not.toBeNull();
  const angry = await openWidgetCustomer(browser, alicesHost.hubUrl, 'zh-CN');
  const sentAt = Date.now();
  await angry.say('再不解决我就去12315投诉你们');
  const escalated = feed.locator('li[data-kind="escalation"]').first();
  await expect(escalated).toContainText('投诉风险词');
  await expect(escalated).toContainText('12315');
  test.info().annotations.push({ type: 'escalation alert in the console', description: `${Date.now() - sentAt} ms after sending` });

  await chooseAgentState(alice, 'available');
  const firstOffer = alice.getByTestId('offer').first();
  await expect(firstOffer).toContainText('再不解决我就去12315投诉你们');
  await firstOffer.getByTestId('offer-accept').click();
  await expect(alice.getByTestId('escalation-badge')).toContainText('Escalated: complaint risk');

  // A logistics question lands in the logistics queue, and alice sees the intent.
  const logistics = await openWidgetCustomer(browser, alicesHost.hubUrl, 'en');
  await logistics.say('Where is my card? It has not arrived yet');
  await expect.poll(() => queueOf('Where is my card? It has not arrived yet')).toBe('logistics');
  const offer = alice.getByTestId('offer').filter({ hasText: 'Where is my card?' });
  await offer.getByTestId('offer-accept').click();
  await alice.getByTestId('inbox-row').filter({ hasText: 'Where is my card?' }).click();
  await expect(alice.getByTestId('intent-badge')).toContainText('Intent: Delivery');
  await expect(alice.getByTestId('intent-badge')).toHaveAttribute('data-queue', 'logistics');

  // The customer turns: the agent's banner and the supervisor's feed say why, at once.
  const turnedAt = Date.now();
  await logistics.say('This is ridiculous. I will file a chargeback and call my lawyer.');
  await expect(alice.getByTestId('agent-alert')).toHaveAttribute('data-reason', 'complaint-phrase');
  await expect(alice.getByTestId('agent-alert-words')).toContainText('chargeback');
  await expect(feed.locator('li[data-kind="escalation"]').filter({ hasText: 'chargeback' })).toBeVisible();
  test.info().annotations.push({ type: 'escalation alert for agent and supervisor', description: `${Date.now() - turnedAt} ms after sending` });

  // Compliance: a promise the desk cannot make is warned about before sending; sending anyway is possible.
  const composer = alice.getByTestId('composer');
  await composer.fill('We guarantee full compensation for this.');
  await composer.press('Enter');
  const warning = alice.getByTestId('compliance-warning');
  await expect(warning).toContainText('we guarantee');
  await expect(alice.getByTestId('compliance-edit')).toBeFocused();
  await expectNoSeriousA11yViolations(alice, 'workspace with escalation and compliance warning');
  await alice.keyboard.press('Tab');
  await expect(alice.getByTestId('compliance-send-anyway')).toBeFocused();
  await alice.keyboard.press('Enter');
  await expect(warning).toBeHidden();
  await expect(logistics.page.getByTestId('widget-log')).toContainText('We guarantee full compensation');
  await expect(feed.locator('li[data-kind="compliance"]').first()).toContainText('发送了禁用语');
  await expectNoSeriousA11yViolations(sam, 'supervisor console with escalation and compliance alerts');

  await calm.close();
  await angry.close();
  await logistics.close();
});
