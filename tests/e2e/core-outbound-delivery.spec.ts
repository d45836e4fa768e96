import { expect, test } from '@playwright/test';
import { postSigned, TEST_CHANNEL_SECRETS } from '../harness/hub/channel-requests';
import { startFlakyPlatform } from '../integration/support/flaky-platform';
import { signIn } from './support/agent-page';
import { chooseAgentState } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

/**
 * A reply to a customer who wrote through an e-commerce platform goes back to the platform's reply
 * endpoint (a real HTTP server here). The endpoint is down at first: the hub keeps trying, and the
 * agent sees on the message whether the customer has it yet.
 */
let host: WebHostProcess;
let platform: Awaited<ReturnType<typeof startFlakyPlatform>>;

test.beforeAll(async () => {
  platform = await startFlakyPlatform(3);
  // The embedded hub reads its channel settings from the environment of the web host that spawns it: set them for this spawn only.
  const settings = {
    WEBHOOK_SECRET_GENERIC: TEST_CHANNEL_SECRETS.webhookSecrets.generic,
    WEBHOOK_REPLY_URL_GENERIC: platform.url,
    OUTBOUND_ATTEMPTS: '4',
    // A second between tries: the agent sees "sending" for at least three seconds, however busy the machine.
    OUTBOUND_RETRY_BASE_MS: '1000',
    OUTBOUND_RETRY_MAX_MS: '1000',
  };
  const saved = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  const starting = startWebHostProcess();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  host = await starting;
});
test.afterAll(async () => {
  await host?.stop();
  await platform?.close();
});

async function customerWrites(messageId: string, text: string): Promise<void> {
  const body = JSON.stringify({ messageId, userId: 'shopper-9', userName: '王女士', text });
  expect((await postSigned(`${host.hubUrl}/channels/webhook/generic`, body)).status).toBeLessThan(300);
}

test('a platform reply that fails three times is delivered once; a reply that failed is sent again from the keyboard @core', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');

  await customerWrites('shop-1', '我的退款到了吗？');
  const offer = page.getByTestId('offer');
  await expect(offer).toContainText('我的退款到了吗？');
  await offer.getByTestId('offer-accept').click();
  await expect(page.getByTestId('messages')).toContainText('我的退款到了吗？');

  await page.getByTestId('composer').fill('退款已经原路退回，预计两天内到账。');
  await page.getByTestId('send').click();
  const reply = page.getByTestId('message').filter({ hasText: '退款已经原路退回' });
  // The platform is down for three tries; the hub keeps trying and the message says so, then that it arrived.
  await expect(reply.getByTestId('channel-delivery')).toHaveAttribute('data-state', 'sending');
  await expect(reply.getByTestId('channel-delivery')).toHaveText('正在送达客户…');
  await expect(reply.getByTestId('channel-delivery')).toHaveAttribute('data-state', 'delivered', { timeout: 20_000 });
  await expect(reply.getByTestId('channel-delivery')).toHaveText('已送达');
  expect(platform.tries.map((t) => t.status)).toEqual([503, 503, 503, 200]);
  expect(platform.delivered().map((t) => t.text)).toEqual(['退款已经原路退回，预计两天内到账。']);

  // Down for longer than the hub tries: the reply is shown as not delivered, and the agent sends it again from the keyboard.
  platform.failNext(4);
  await page.getByTestId('composer').fill('如有问题请随时联系我们。');
  await page.getByTestId('composer').press('Enter');
  const second = page.getByTestId('message').filter({ hasText: '如有问题请随时联系我们' });
  await expect(second.getByTestId('channel-delivery')).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
  await expect(second.getByTestId('channel-delivery')).toHaveText('未能送达客户');
  await expectNoSeriousA11yViolations(page, 'a reply that was not delivered');
  const again = second.getByTestId('redeliver');
  await expect(again).toHaveText('重新发送');
  await again.focus();
  await page.keyboard.press('Enter');
  await expect(second.getByTestId('channel-delivery')).toHaveAttribute('data-state', 'delivered', { timeout: 20_000 });
  await expect(second.getByTestId('redeliver')).toHaveCount(0);
  expect(platform.delivered().map((t) => t.text)).toEqual(['退款已经原路退回，预计两天内到账。', '如有问题请随时联系我们。']);
  await context.close();
});
