/**
 * #19 satisfaction survey, end to end. A real hub (demo data) serves the real widget page to Chromium: after
 * the agent closes the chat the customer rates 2 with a comment from the keyboard, the supervisors' socket
 * gets the low-rating alert, the wallboard shows today's CSAT and the customer's 360 shows the rating. The
 * historical reports over the same hub's seeded history are run in the real console through the web host:
 * selfservice-reports-web.spec.ts.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { QueueBoard, Wallboard } from '../../src/shared/protocol/supervisor-protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { supervisorSocket } from './support/supervisor-socket';
import { startWidgetChat } from './support/widget-pre-chat';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let hub: ChildProcess;
let hubUrl: string;
const lines: Array<Record<string, unknown>> = [];

/** The next line the hub process printed that matches. */
async function next(match: (l: Record<string, unknown>) => boolean, what: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const i = lines.findIndex(match);
    if (i >= 0) return lines.splice(i, 1)[0]!;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const login = async (username: string): Promise<string> => {
  const response = await fetch(`${hubUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'switchboard' }) });
  return ((await response.json()) as { token: string }).token;
};

test.beforeAll(async () => {
  hub = spawn(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'tests/e2e/support/selfservice-hub.ts')], { stdio: ['pipe', 'pipe', 'inherit'], cwd: repoRoot });
  createInterface({ input: hub.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const ready = await next((l) => typeof l.url === 'string', 'the hub', 60_000);
  hubUrl = String(ready.url);
});
test.afterAll(async () => {
  if (hub?.pid) process.kill(hub.pid, 'SIGTERM');
});

test('after close the customer rates 2 with a comment in the widget; the supervisor is alerted, the 360 and the wallboard show it @selfservice', async ({ page }) => {
  const sam = await supervisorSocket(hubUrl, await login('sam'));
  await page.goto(`${hubUrl}/widget?lang=en`);
  await startWidgetChat(page, { name: 'Ann Survey', contact: 'ann.survey@example.com' });
  hub.stdin!.write('serve\n');
  await page.getByTestId('widget-input').fill('Where is my parcel?');
  await page.keyboard.press('Enter');
  const served = await next((l) => typeof l.conversationId === 'string', 'the agent to serve and close the chat');
  const conversationId = String(served.conversationId);

  // The survey card takes focus; the customer answers from the keyboard.
  const survey = page.getByTestId('widget-survey');
  await expect(survey).toBeVisible();
  await expect(page.getByTestId('survey-rating-1')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('survey-rating-2')).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Took too long to answer');
  await expectNoSeriousA11yViolations(page, 'widget survey');
  await page.getByTestId('survey-submit').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('survey-done')).toHaveText('Thank you for your feedback!');

  const alert = await sam.waitFor((f) => f.type === 'alert' && (f.alert as { kind: string }).kind === 'low_rating', 'the low-rating alert');
  expect(alert.alert).toMatchObject({ conversationId, value: 2, reason: 'low-rating', queue: 'chat' });
  const board = (await sam.request({ kind: 'wallboard.refresh' })) as Wallboard;
  expect(board.queues.find((q: QueueBoard) => q.queue === 'chat')).toMatchObject({ csatTodayPercent: 0, ratedToday: 1 });

  const customerId = String(served.customerId);
  const token = await login('alice');
  const view = (await fetch(`${hubUrl}/api/customers/${customerId}/360`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as {
    timeline: Array<{ conversation: { id: string }; rating: { rating: number; comment: string | null } | null }>;
  };
  expect(view.timeline.find((e) => e.conversation.id === conversationId)?.rating).toMatchObject({ rating: 2, comment: 'Took too long to answer' });
  sam.close();
});
