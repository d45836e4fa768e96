/**
 * The window that holds the phone gets only the events it listens to (issue #21): while the inbox
 * fills with a customer's chat, the phone page's connection to the web host carries none of the
 * inbox's traffic, yet still hears the agent's own state changes that it listens to.
 */
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/agent-page';
import { chooseAgentState, takeChat } from './support/desk';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

let host: WebHostProcess;
test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

/** Every RPC event frame (`contract.event`) the page's sockets receive from now on. */
function recordEvents(page: Page): string[] {
  const events: string[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/rpc')) return;
    socket.on('framereceived', ({ payload }) => {
      const text = String(payload);
      const m = /^\{"t":"evt","c":"(\w+)","e":"(\w+)"/.exec(text);
      if (m) events.push(`${m[1]}.${m[2]}`);
    });
  });
  return events;
}

test('the phone window receives no inbox traffic, only the events it subscribes to @daily', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'en-US' });
  const inbox = await context.newPage();
  const inboxEvents = recordEvents(inbox);
  await signIn(inbox, host.openUrl, 'alice');

  // The phone page as the browser shell opens it: the same origin and token, ?window=phone.
  const phone = await context.newPage();
  const phoneEvents = recordEvents(phone);
  await phone.goto(host.openUrl.replace('/#', '/?window=phone#'));
  await expect.poll(() => phone.evaluate(() => document.readyState)).toBe('complete');

  await chooseAgentState(inbox, 'available');
  const customer = await takeChat(inbox, browser, host.hubUrl, 'My parcel never arrived');
  await customer.say('It was order 1234');
  await expect(inbox.getByTestId('messages')).toContainText('It was order 1234');
  await chooseAgentState(inbox, 'away:lunch');

  // The inbox saw the traffic (so there was some to leak)…
  await expect.poll(() => inboxEvents.filter((e) => e === 'workspace.message').length).toBeGreaterThan(0);
  expect(inboxEvents).toContain('workspace.conversation');
  // …and the phone page heard the agent's state change, which it listens to, and nothing of the inbox.
  await expect.poll(() => phoneEvents).toContain('session.agent');
  const inboxTraffic = ['workspace.message', 'workspace.conversation', 'workspace.customer', 'workspace.offer', 'workspace.typing', 'workspace.queues'];
  expect(phoneEvents.filter((e) => inboxTraffic.includes(e))).toEqual([]);
});
