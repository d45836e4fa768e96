/**
 * #19 proactive notice, end to end through the web host (as `npm run start:web`): a platform posts a
 * delayed-shipment event for the demo VIP's order; the hub mails him (a real SMTP server, the test sink)
 * in his language; he answers the mail, and the conversation his reply opens reaches the agent with the
 * order linked: in its header, in the 360, and a note quoting the notice. Twenty redeliveries of the event
 * send one mail.
 */
import { expect, test } from '@playwright/test';
import { postSigned, signBody, TEST_CHANNEL_SECRETS } from '../../src/hub/harness/channel-requests';
import { mailText, startSmtpSink } from '../../src/hub/harness/smtp-sink';
import { signIn } from './support/agent-page';
import { chooseAgentState } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

const ORDER = '202601050001'; // 张伟's taobao order in the demo data; his address is zhang.wei@example.com
let host: WebHostProcess;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

test.beforeAll(async () => {
  smtp = await startSmtpSink();
  host = await startWebHostProcess({
    env: {
      WEBHOOK_SECRET_TAOBAO: TEST_CHANNEL_SECRETS.webhookSecrets.taobao,
      EMAIL_WEBHOOK_SECRET: TEST_CHANNEL_SECRETS.emailSecret,
      SMTP_URL: smtp.url,
      EMAIL_FROM: 'Shop support <support@switchboard.test>',
    },
  });
});
test.afterAll(async () => {
  await host?.stop();
  smtp?.stop();
});

test('a delayed-shipment event reaches the customer by mail, and his reply opens a conversation with the order linked @selfservice', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');

  const event = JSON.stringify({ eventId: 'tb-evt-7781', type: 'shipment_delayed', orderId: ORDER, data: { eta: '12月12日' } });
  const url = `${host.hubUrl}/channels/webhook/taobao/order-events`;
  // The platform redelivers until it hears back: twenty deliveries of one event.
  const answers = await Promise.all(Array.from({ length: 20 }, () => postSigned(url, event, signBody(event, 'order-event:taobao'))));
  expect(answers.every((r) => r.status === 200 || r.status === 202)).toBe(true);
  await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBe(1);
  const mail = smtp.mails[0]!;
  expect(mail.to).toEqual(['zhang.wei@example.com']);
  expect(mailText(mail)).toContain(`张伟您好，很抱歉，您的订单 ${ORDER}（蓝牙耳机 ×1）配送延迟，预计 12月12日 送达。`);
  // A bad event is refused with the reason, and sends nothing.
  const unknown = JSON.stringify({ eventId: 'tb-evt-7782', type: 'parcel_lost_at_sea', orderId: ORDER });
  const refused = await postSigned(url, unknown, signBody(unknown, 'order-event:taobao'));
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('no notice template for event type "parcel_lost_at_sea"');

  // He answers the mail.
  const reply = JSON.stringify({
    MessageID: 'zhang-reply-1@example.com',
    From: '张伟 <zhang.wei@example.com>',
    FromFull: { Email: 'zhang.wei@example.com', Name: '张伟' },
    Subject: 'Re: 您的订单 202601050001 配送延迟',
    TextBody: '能不能改成周末前送到？我周六要用。',
  });
  expect((await postSigned(`${host.hubUrl}/channels/email/inbound`, reply)).status).toBe(202);

  const offer = page.getByTestId('offer');
  await expect(offer).toContainText('能不能改成周末前送到');
  await offer.getByTestId('offer-accept').click();
  await expect(page.getByTestId('messages')).toContainText('能不能改成周末前送到？我周六要用。');
  // The order the notice was about is on the conversation, in the 360, and a note says what he is answering.
  await expect(page.getByTestId('linked-order')).toHaveText(`订单 ${ORDER}`);
  await expect(page.getByTestId('messages')).toContainText(`Reply to the order notice “shipment_delayed” for order ${ORDER} on email, delivered`);
  await expect(page.getByTestId('customer-panel').getByTestId('order').filter({ hasText: ORDER })).toHaveCount(1);
  await expect(page.getByTestId('customer-panel').getByTestId('order').filter({ hasText: ORDER })).toContainText('蓝牙耳机');
  await expectNoSeriousA11yViolations(page, 'a reply to an order notice');
  expect(smtp.mails).toHaveLength(1);
  await context.close();
});
