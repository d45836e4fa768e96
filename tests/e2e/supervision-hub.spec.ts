/**
 * Supervision against the real hub process (through the real web host): an agent who tries to
 * supervise is refused by the hub and the refusal is written down; a supervisor reads a live chat,
 * whispers to the agent and takes the chat over, and the customer's next message goes to them.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { SUPERVISOR_PROTOCOL_VERSION } from '../../src/shared/protocol/supervisor-protocol';
import { signIn } from './support/agent-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { openWidgetCustomer, openWorkspace } from './support/workspace-customer';
import { chooseAgentState } from './support/desk';

let alicesHost: WebHostProcess;
let samsHost: WebHostProcess;

test.beforeAll(async () => {
  alicesHost = await startWebHostProcess();
  samsHost = await startWebHostProcess({ hubUrl: alicesHost.hubUrl });
});
test.afterAll(async () => {
  await samsHost?.stop();
  await alicesHost?.stop();
});

interface Closed {
  frames: Array<Record<string, unknown>>;
  code: number;
}

/** What a hand-made client gets when it presents an agent's own token to the supervisor socket. */
async function trySupervising(hubUrl: string, token: string): Promise<Closed> {
  const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/supervisor/ws`);
  const frames: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ v: SUPERVISOR_PROTOCOL_VERSION, type: 'hello', token }));
  socket.send(
    JSON.stringify({ v: SUPERVISOR_PROTOCOL_VERSION, type: 'request', rid: 1, request: { kind: 'call.start', agentId: 'agt_bob', mode: 'monitor' } }),
  );
  const code = await new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode)));
  return { frames, code };
}

test('an agent who tries to monitor is refused by the hub, and the refusal is in the audit @supervisor', async ({ page }) => {
  // In the app, an agent has no way into the console…
  await signIn(page, alicesHost.openUrl, 'alice');
  await expect(page.getByTestId('open-supervisor')).toHaveCount(0);

  // …and a hand-made client with her valid token is turned away by the hub itself.
  const login = await fetch(`${alicesHost.hubUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'switchboard' }),
  });
  const { token } = (await login.json()) as { token: string };
  const refused = await trySupervising(alicesHost.hubUrl, token);
  expect(refused.code).toBe(4403);
  expect(refused.frames).toContainEqual(expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'permission_denied' }) }));
  expect(refused.frames.some((f) => f.type === 'welcome' || f.type === 'reply')).toBe(false);

  const audit = new Database(join(alicesHost.dataDir, 'hub', 'hub.sqlite'), { readonly: true });
  try {
    const rows = audit.prepare("SELECT actor_id, actor_role, action, outcome FROM supervision_audit WHERE actor_id = 'agt_alice'").all();
    expect(rows).toContainEqual({ actor_id: 'agt_alice', actor_role: 'agent', action: 'connect', outcome: 'refused' });
    // Tokens never reach the audit.
    const detail = audit.prepare('SELECT group_concat(detail) AS all_detail FROM supervision_audit').get() as { all_detail: string | null };
    expect(detail.all_detail ?? '').not.toContain(token);
  } finally {
    audit.close();
  }
});

test('a supervisor reads a live chat, whispers to the agent, takes it over, and gets the next message @supervisor', async ({ browser }) => {
  const alice = await (await browser.newContext({ locale: 'en-US' })).newPage();
  // The web host keeps alice signed in from the test before (one agent per host, as on a desktop).
  await openWorkspace(alice, alicesHost.openUrl, 'alice');
  await chooseAgentState(alice, 'available');
  await expect(alice.getByTestId('agent-name')).toHaveAttribute('data-state', 'available');

  const sam = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(sam, samsHost.openUrl, 'sam');
  // sam stays away so the chat is offered to alice.
  await chooseAgentState(sam, 'away:break');
  await expect(sam.getByTestId('agent-name')).toHaveAttribute('data-state', 'away');

  const customer = await openWidgetCustomer(browser, alicesHost.hubUrl, 'en');
  await customer.say('My parcel has not moved for a week');
  await alice.getByTestId('offer').getByTestId('offer-accept').click();
  await expect(alice.getByTestId('messages')).toContainText('My parcel has not moved for a week');

  // The live chat shows up on sam's wallboard; opening it shows the transcript read-only.
  await sam.getByTestId('open-supervisor').click();
  const contacts = sam.getByTestId('contacts-table');
  const open = contacts.getByRole('button', { name: /Open the contact with/ }).first();
  await expect(open).toBeVisible();
  await open.focus();
  await sam.keyboard.press('Enter');
  await expect(sam.getByTestId('monitor-messages')).toContainText('My parcel has not moved for a week');

  // A whisper reaches alice as an internal note and never the customer.
  await sam.getByTestId('whisper-input').fill('Offer the express re-send');
  await sam.keyboard.press('Enter');
  const whisper = alice.locator('[data-testid="message"][data-internal="true"]');
  await expect(whisper).toContainText('Offer the express re-send');
  await expect(whisper).toContainText('Sam');
  await expect(customer.page.getByTestId('widget-log')).not.toContainText('express re-send');

  // Take over: alice is told and loses the composer; the customer's next message goes to sam.
  sam.once('dialog', (dialog) => void dialog.accept());
  await sam.getByTestId('take-over').click();
  await expect(sam.getByRole('status').filter({ hasText: 'You took this chat over' })).toBeVisible();
  await expect(alice.getByTestId('messages')).toContainText('Taken over by');
  await expect(alice.getByTestId('composer')).toBeHidden();
  await customer.say('Any news?');
  await sam.getByTestId('open-supervisor').click();
  const row = sam.getByTestId('inbox-row').filter({ hasText: 'Any news?' });
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(sam.getByTestId('messages')).toContainText('My parcel has not moved for a week');
  await expect(sam.getByTestId('composer')).toBeVisible();
  await customer.close();
});

test('alerts reach the console live from the real hub: an upset customer and a chat waiting past its target; an alert opens its contact and is acknowledged @supervisor', async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await openWorkspace(alice, alicesHost.openUrl, 'alice');
  await chooseAgentState(alice, 'available');
  await expect(alice.getByTestId('agent-name')).toHaveAttribute('data-state', 'available');
  const sam = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await openWorkspace(sam, samsHost.openUrl, 'sam');
  await chooseAgentState(sam, 'away:break');
  await sam.getByTestId('open-supervisor').click();
  const feed = sam.getByTestId('alert-feed');

  const upset = await openWidgetCustomer(browser, alicesHost.hubUrl, 'en');
  await upset.say('Thanks, that is great, you are very helpful!');
  await alice.getByTestId('offer').getByTestId('offer-accept').click();
  await upset.say('This is terrible. Worst service ever, I am furious and want a refund now!');
  await upset.say('Awful, useless, I hate this.');

  const mood = feed.locator('li[data-kind="negative_sentiment"]').first();
  await expect(mood).toContainText('Customer turning negative', { timeout: 20_000 });
  // The alert opens its contact (the chat, read-only) from the keyboard…
  await mood.getByRole('button', { name: /Open the contact of this alert/ }).focus();
  await sam.keyboard.press('Enter');
  await expect(sam.getByTestId('monitor-messages')).toContainText('Worst service ever');
  // …and is acknowledged for every supervisor.
  await mood.getByRole('button', { name: /Acknowledge alert/ }).focus();
  await sam.keyboard.press('Enter');
  await expect(mood).toContainText('Acknowledged');
  await expect(mood).toHaveClass(/acknowledged/);

  // Nobody is free: the next chat waits past the chat queue's 30-second target.
  await chooseAgentState(alice, 'away:break');
  await expect(alice.getByTestId('agent-name')).toHaveAttribute('data-state', 'away');
  const waiting = await openWidgetCustomer(browser, alicesHost.hubUrl, 'en');
  await waiting.say('Hello, is anyone there?');
  const late = feed.locator('li[data-kind="sla_breach"]').first();
  await expect(late).toContainText('Waiting longer than the target', { timeout: 60_000 });
  await late.getByRole('button', { name: /Open the contact of this alert/ }).click();
  await expect(sam.getByTestId('monitor-messages')).toContainText('Hello, is anyone there?');
  await upset.close();
  await waiting.close();
});
