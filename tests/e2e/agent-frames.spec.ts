import { sipApiSecret } from '../../src/hub/sip/sip-api-secret';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { SUPERVISOR_PROTOCOL_VERSION, SUPERVISOR_WS_PATH } from '../../src/shared/protocol/supervisor-protocol';
import { signIn } from './support/agent-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';
import { openWidgetCustomer } from './support/workspace-customer';

/**
 * What the hub sends an agent beyond stored events, as the agent sees it: the sentiment alert banner,
 * a supervisor taking the chat over, missed calls and call length. Calls are reported to the hub's
 * routing API as Kamailio reports them (the softphone suite runs real calls through Kamailio).
 */
const SIP = { SIP_SECRET: 'sip-shared-secret-e2e-0123456789', SIP_DOMAIN: 'switchboard.test', SIP_WS_URL: 'ws://127.0.0.1:5066' };
let host: WebHostProcess;

test.beforeAll(async () => {
  // The web host's embedded hub reads its telephony settings from the environment, as in production.
  Object.assign(process.env, SIP);
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  for (const key of Object.keys(SIP)) delete process.env[key];
  await host?.stop();
});

/** A supervisor console's request over the hub's real /supervisor/ws. */
async function asSupervisor(username: string, request: Record<string, unknown>): Promise<{ ok: boolean }> {
  const login = await fetch(`${host.hubUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'switchboard' }),
  }).then((r) => r.json() as Promise<{ token: string }>);
  const ws = new WebSocket(`${host.hubUrl.replace(/^http/, 'ws')}${SUPERVISOR_WS_PATH}`);
  try {
    return await new Promise((resolve, reject) => {
      ws.on('error', reject);
      ws.on('open', () => ws.send(JSON.stringify({ v: SUPERVISOR_PROTOCOL_VERSION, type: 'hello', token: login.token })));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; rid?: string; result?: { ok: boolean } };
        if (frame.type === 'welcome') ws.send(JSON.stringify({ v: SUPERVISOR_PROTOCOL_VERSION, type: 'request', rid: 'r1', request }));
        if (frame.type === 'reply' && frame.rid === 'r1') resolve(frame.result!);
      });
    });
  } finally {
    ws.close();
  }
}

const sipHeaders = { 'x-switchboard-sip-secret': sipApiSecret({ secret: SIP.SIP_SECRET }), 'content-type': 'application/json' };
async function call(callId: string, caller: string, events: Array<{ event: string; at: number }>): Promise<void> {
  const route = await fetch(`${host.hubUrl}/sip/route?queue=1000&caller=${caller}&callid=${callId}`, { headers: sipHeaders });
  expect(route.status).toBe(200);
  for (const e of events) {
    const sent = await fetch(`${host.hubUrl}/sip/events`, { method: 'POST', headers: sipHeaders, body: JSON.stringify({ callId, caller, ...e }) });
    expect(sent.status).toBe(204);
  }
}

test('an upset customer raises a dismissable banner; a supervisor taking the chat over is shown @workspace', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const agent = await context.newPage();
  await signIn(agent, host.openUrl, 'alice');
  const customer = await openWidgetCustomer(browser, host.hubUrl, 'en');
  await customer.say('Thanks, that is great, you are very helpful!');
  await agent.getByTestId('offer-accept').click();
  await expect(agent.getByTestId('composer')).toBeVisible();

  await customer.say('This is terrible. Worst service ever, I am furious and want a refund now!');
  await customer.say('Awful, useless, I hate this.');
  const banner = agent.getByRole('alert').filter({ has: agent.getByTestId('agent-alert-dismiss') });
  await expect(banner).toContainText(/The customer seems upset|Sharp drop in sentiment/);
  await expectNoSeriousA11yViolations(agent, 'sentiment alert banner');
  // Dismissed from the keyboard.
  await agent.getByTestId('agent-alert-dismiss').focus();
  await agent.keyboard.press('Enter');
  await expect(agent.getByTestId('agent-alert')).toBeHidden();

  const conversationId = await agent.getByTestId('inbox-row').first().getAttribute('data-conversation-id');
  expect((await asSupervisor('sam', { kind: 'chat.takeover', conversationId })).ok).toBe(true);
  await expect(agent.getByTestId('taken-over')).toHaveText('Sam Chen took over this conversation');
  await expect(agent.getByTestId('composer')).toBeHidden();
  await customer.close();
  await context.close();
});

test('a missed call is marked in the inbox and the conversation; an answered call shows its length @workspace', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const agent = await context.newPage();
  await agent.goto(host.openUrl);
  await expect(agent.getByTestId('agent-name')).toBeVisible();
  await agent.getByTestId('filter-status').selectOption('all');

  const now = Math.floor(Date.now() / 1000);
  await call('e2e-call-missed', '13900000007', [{ event: 'ended', at: now }]);
  await call('e2e-call-long', '13900000008', [
    { event: 'answered', at: now },
    { event: 'ended', at: now + 125 },
  ]);
  // The caller's number names a customer the hub has not seen before.
  const missedRow = agent.getByTestId('inbox-row').filter({ hasText: '13900000007' });
  await expect(missedRow.getByTestId('missed-call')).toHaveText('Missed call');
  await missedRow.click();
  await expect(agent.locator('.conversation-head').getByTestId('missed-call')).toHaveText('Missed call');
  await expectNoSeriousA11yViolations(agent, 'missed call');

  const answeredRow = agent.getByTestId('inbox-row').filter({ hasText: '13900000008' });
  await expect(answeredRow).toBeVisible();
  await expect(answeredRow.getByTestId('missed-call')).toHaveCount(0);
  await answeredRow.click();
  await expect(agent.locator('.conversation-head').getByTestId('call-duration')).toHaveText('Call length 2:05');
  await context.close();
});
