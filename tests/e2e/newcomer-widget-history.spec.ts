/**
 * The widget's history pages (@newcomer): a visitor back on the page sees their newest 50 messages
 * and fetches earlier ones with a button, from the keyboard, in order. A real hub process runs with
 * a message budget (--limits) high enough to write a long chat quickly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { WIDGET_HISTORY_PAGE } from '../../src/hub/channels/widget-protocol';
import { freePort, startHubProcess, type HubProcess } from '../integration/support/hub-process';
import { WidgetVisitor } from '../integration/support/widget-visitor';

let hub: HubProcess | undefined;
test.afterAll(async () => {
  await hub?.stop();
});

test('a returning visitor pages back through a long chat with "Show earlier messages" @newcomer', async ({ page }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'widget-history-'));
  const limits = join(dir, 'limits.json');
  writeFileSync(limits, JSON.stringify({ widgetMessagesPerSecond: 1000, widgetMessageBurst: 1000 }));
  hub = await startHubProcess(join(dir, 'hub'), await freePort(), ['--limits', limits]);
  const visitorId = 'visitor-long-history-1';
  const visitor = new WidgetVisitor(hub.url, visitorId);
  await visitor.start();
  const total = WIDGET_HISTORY_PAGE + 12;
  for (let i = 1; i <= total; i++) await visitor.say(`message number ${i}`, `history-key-${String(i).padStart(4, '0')}`);
  visitor.close();

  // The same browser as before: the page finds the visitor id and profile it saved.
  await page.addInitScript((id) => {
    localStorage.setItem('switchboard.visitor', id);
    localStorage.setItem('switchboard.profile.default', JSON.stringify({ name: id }));
  }, visitorId);
  await page.goto(`${hub.url}/widget?lang=en`);
  const log = page.getByTestId('widget-log');
  const shown = log.locator('li[data-direction]');
  await expect(log).toContainText(`message number ${total}`);
  await expect(shown).toHaveCount(WIDGET_HISTORY_PAGE);

  const earlier = page.getByRole('button', { name: 'Show earlier messages' });
  await earlier.focus();
  await page.keyboard.press('Enter');
  await expect(shown).toHaveCount(total);
  // The earlier page sits above, in order; the button is gone with the last page, and the keyboard goes on from the message box.
  const texts = await shown.evaluateAll((items) => items.map((li) => li.firstChild?.textContent ?? ''));
  expect(texts.slice(0, 3)).toEqual(['message number 1', 'message number 2', 'message number 3']);
  expect(texts.at(-1)).toBe(`message number ${total}`);
  await expect(earlier).toBeHidden();
  await expect(page.getByTestId('widget-input')).toBeFocused();
});
