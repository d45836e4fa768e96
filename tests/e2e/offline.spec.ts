import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startHubProcess, type HubProcess } from '../integration/support/hub-process';
import { signIn } from './support/agent-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { startWidgetChat } from './support/widget-pre-chat';

let hub: HubProcess | null = null;
let host: WebHostProcess | null = null;

test.afterAll(async () => {
  await host?.stop();
  await hub?.stop();
});

test('with the hub stopped, the agent searches and reads cached history, and an offline reply arrives once @offline', async ({ browser }) => {
  test.setTimeout(180_000);
  // The hub runs as its own process on a fixed port and folder, so it can be stopped and started again in place.
  const hubDir = mkdtempSync(join(tmpdir(), 'offline-hub-'));
  const port = await freePort();
  hub = await startHubProcess(hubDir, port);
  host = await startWebHostProcess({ hubUrl: hub.url });

  const agentContext = await browser.newContext({ locale: 'zh-CN' });
  const agent = await agentContext.newPage();
  await signIn(agent, host.openUrl, 'alice');

  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`${hub.url}/widget?lang=zh-CN`);
  await startWidgetChat(customer);
  await customer.getByTestId('widget-input').fill('我的快递单号是 SF123456，包裹一直没到');
  await customer.getByTestId('widget-send').click();
  await expect(customer.getByTestId('widget-log')).toContainText('SF123456');
  const offer = agent.getByTestId('offer');
  await offer.getByRole('button', { name: '接受' }).click();
  await expect(agent.getByTestId('messages')).toContainText('SF123456');

  await hub.stop();
  hub = null;
  await expect(agent.getByTestId('offline-banner')).toContainText('离线', { timeout: 20_000 });

  // A fresh window while offline: everything it shows comes from the cache.
  await agent.reload();
  await expect(agent.getByTestId('offline-banner')).toContainText('上次同步');
  await agent.getByTestId('search-input').fill('快递单号');
  const hit = agent.getByTestId('search-result');
  await expect(hit).toHaveCount(1);
  await hit.click();
  await expect(agent.getByTestId('messages')).toContainText('我的快递单号是 SF123456，包裹一直没到');

  const reply = '已为您催促快递，请耐心等待。';
  await agent.getByTestId('composer').fill(reply);
  await agent.getByTestId('send').click();
  const mine = agent.getByTestId('message').filter({ hasText: reply });
  await expect(mine).toHaveAttribute('data-delivery', 'pending');
  await expect(agent.getByTestId('offline-banner')).toContainText('1 项操作等待发送');

  hub = await startHubProcess(hubDir, port);
  await expect(mine).toHaveAttribute('data-delivery', 'sent', { timeout: 60_000 });
  await expect(customer.locator('[data-direction="out"]')).toHaveText([reply], { timeout: 30_000 });
  // And exactly once after the customer reloads the widget too.
  await customer.reload();
  await expect(customer.getByTestId('widget-log')).toContainText('SF123456');
  await expect(customer.locator('[data-direction="out"]')).toHaveText([reply]);
  await agentContext.close();
  await customerContext.close();
});
