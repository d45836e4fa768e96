import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { signIn } from './support/agent-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

const WECHAT_TOKEN = 'e2e-wechat-token';
const WIDGET_SECRET = 'e2e-widget-identity-secret';
const PLATFORM_SECRET = 'e2e-generic-platform-secret';
const EMAIL_SECRET = 'e2e-inbound-email-secret-01';

let hub: ChildProcess;
let hubUrl: string;
let host: WebHostProcess;

/** The real hub process with WeChat and widget identity configured, as an operator would run it. */
function startHubProcess(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-omni-'));
  hub = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--port', '0', '--data-dir', dataDir, '--demo'], {
    env: { ...process.env, WECHAT_TOKEN, WIDGET_IDENTITY_SECRET: WIDGET_SECRET, WEBHOOK_SECRET_GENERIC: PLATFORM_SECRET, EMAIL_WEBHOOK_SECRET: EMAIL_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    hub.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
    createInterface({ input: hub.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
}

function postWechatText(openId: string, content: string): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const signature = createHash('sha1').update([WECHAT_TOKEN, timestamp, nonce].sort().join('')).digest('hex');
  const xml = `<xml><ToUserName><![CDATA[gh_switchboard]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${Date.now()}</MsgId></xml>`;
  return fetch(`${hubUrl}/channels/wechat?${new URLSearchParams({ signature, timestamp, nonce })}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: xml,
  });
}

/** A signed channel request as the platform or the mail service sends it. */
function postSignedJson(path: string, context: string, secret: string, body: object): Promise<Response> {
  const text = JSON.stringify(body);
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${context}.${text}`).digest('hex')}`;
  return fetch(`${hubUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-switchboard-signature': signature }, body: text });
}

test.beforeAll(async () => {
  hubUrl = await startHubProcess();
  host = await startWebHostProcess({ hubUrl });
});
test.afterAll(async () => {
  await host?.stop();
  hub?.kill('SIGTERM');
});

test('a platform message and a widget message from the same verified customer land in one timeline @chat', async ({ browser }) => {
  const agentContext = await browser.newContext({ locale: 'zh-CN' });
  const agent = await agentContext.newPage();
  await signIn(agent, host.openUrl, 'alice');

  // The shop platform vouches for the buyer's own phone.
  const platform = await postSignedJson('/channels/webhook/generic', 'webhook:generic', PLATFORM_SECRET, {
    messageId: `e2e-${Date.now()}`,
    userId: 'buyer-e2e-1',
    phone: '13600136000',
    text: '快递一直没更新',
  });
  expect(platform.status).toBe(202);
  const offer = agent.getByTestId('offer');
  await expect(offer).toContainText('快递一直没更新');
  await offer.getByRole('button', { name: '接受' }).click();
  await expect(agent.getByTestId('messages')).toContainText('快递一直没更新');

  // The same person opens the web chat on the shop's site, which vouches for the phone it knows.
  const phone = '13600136000';
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const sig = createHmac('sha256', WIDGET_SECRET).update(`v1|e2e-visitor-omni|${phone}||${exp}`).digest('hex');
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`${hubUrl}/widget?lang=zh-CN&visitor=e2e-visitor-omni&phone=${phone}&exp=${exp}&sig=${sig}`);
  await customer.getByTestId('widget-input').fill('我换到网页上问：单号是多少？');
  await customer.getByTestId('widget-send').click();
  await expect(customer.getByTestId('widget-log')).toContainText('单号是多少');

  // One customer, one conversation: both messages in the same thread, no second inbox row or offer.
  const messages = agent.getByTestId('messages');
  await expect(messages).toContainText('单号是多少');
  await expect(messages).toContainText('快递一直没更新');
  await expect(agent.getByTestId('inbox-row')).toHaveCount(1);
  await expect(agent.getByTestId('offer')).toHaveCount(0);

  // The reply goes back on the channel the customer used last: the widget.
  await agent.getByTestId('composer').fill('单号是 SF1234567890。');
  await agent.getByTestId('send').click();
  await expect(customer.locator('[data-direction="out"]')).toHaveText(['单号是 SF1234567890。']);
  await agentContext.close();
  await customerContext.close();
});

test('mail from an address someone else already uses stands on its own and is marked as not verified @chat', async ({ browser }) => {
  // The host kept Alice signed in from the test before.
  const agentContext = await browser.newContext({ locale: 'en' });
  const agent = await agentContext.newPage();
  await agent.goto(host.openUrl);
  await expect(agent.getByTestId('agent-name')).toBeVisible();
  const wechat = await postWechatText('oWx_e2e_mail', 'my email is li.lei@example.com');
  expect(await wechat.text()).toBe('success');
  const mail = await postSignedJson('/channels/email/inbound', 'email', EMAIL_SECRET, {
    MessageID: `<e2e-${Date.now()}@example.com>`,
    From: 'li.lei@example.com',
    FromFull: { Email: 'li.lei@example.com' },
    Subject: 'Change my delivery address',
  });
  expect(mail.status).toBe(202);
  const offer = agent.getByTestId('offer').filter({ hasText: 'Change my delivery address' });
  await offer.getByTestId('offer-accept').click();
  await expect(agent.getByTestId('messages')).toContainText('Change my delivery address');
  await expect(agent.getByTestId('unverified-sender')).toContainText('not verified');
  await agentContext.close();
});
