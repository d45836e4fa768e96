import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { signIn } from './support/agent-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { startWidgetChat } from './support/widget-pre-chat';

const WECHAT_TOKEN = 'e2e-wechat-token';
const WIDGET_SECRET = 'e2e-widget-identity-secret';

let hub: ChildProcess;
let hubUrl: string;
let host: WebHostProcess;

/** The real hub process with WeChat and widget identity configured, as an operator would run it. */
function startHubProcess(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-omni-'));
  hub = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--port', '0', '--data-dir', dataDir, '--demo'], {
    env: { ...process.env, WECHAT_TOKEN, WIDGET_IDENTITY_SECRET: WIDGET_SECRET },
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

test.beforeAll(async () => {
  hubUrl = await startHubProcess();
  host = await startWebHostProcess({ hubUrl });
});
test.afterAll(async () => {
  await host?.stop();
  hub?.kill('SIGTERM');
});

test('a WeChat message and a widget message from the same customer land in one timeline @chat', async ({ browser }) => {
  const agentContext = await browser.newContext({ locale: 'zh-CN' });
  const agent = await agentContext.newPage();
  await signIn(agent, host.openUrl, 'alice');

  const wechat = await postWechatText('oWx_e2e_customer', '我的手机号 13600136000，快递一直没更新');
  expect(await wechat.text()).toBe('success');
  const offer = agent.getByTestId('offer');
  await expect(offer).toContainText('快递一直没更新');
  await offer.getByRole('button', { name: '接受' }).click();
  await expect(agent.getByTestId('messages')).toContainText('快递一直没更新');

  // The same person opens the web chat on the shop's site, which vouches for the phone it knows.
  const phone = '13600136000';
  const sig = createHmac('sha256', WIDGET_SECRET).update(phone).digest('hex');
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`${hubUrl}/widget?lang=zh-CN&phone=${phone}&sig=${sig}`);
  await startWidgetChat(customer);
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
