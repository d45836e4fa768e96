import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startHubProcess, type HubProcess } from '../integration/support/hub-process';
import { signIn } from './support/agent-page';
import { chooseAgentState, takeChat } from './support/desk';
import { LOOKS, lookAs } from './support/looks';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

let hub: HubProcess | null = null;
let host: WebHostProcess | null = null;
test.afterAll(async () => {
  await host?.stop();
  await hub?.stop();
});

test('offline: what the agent does says it is queued, what cannot work says so, and it all goes through when the hub returns @daily', async ({ browser }) => {
  test.setTimeout(300_000);
  const hubDir = mkdtempSync(join(tmpdir(), 'daily-offline-hub-'));
  const port = await freePort();
  hub = await startHubProcess(hubDir, port);
  host = await startWebHostProcess({ hubUrl: hub.url });

  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, host.openUrl, 'alice');
  await chooseAgentState(page, 'available');
  const customer = await takeChat(page, browser, hub.url, 'Is my refund on its way?');

  await hub.stop();
  hub = null;
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('Offline', { timeout: 20_000 });
  await expect(banner).toHaveClass(/offline-banner-offline/);

  // A state change waits in the outbox, and the menu says so instead of springing back.
  await chooseAgentState(page, 'away:lunch');
  await expect(page.getByTestId('agent-state')).toHaveText(/Away — Lunch \(waiting to send\)/);
  await expect(banner).toContainText('1 action waiting to send');

  // A reply says it waits for the connection.
  await page.getByTestId('composer').fill('Yes, it was sent this morning.');
  await page.getByTestId('send').click();
  const reply = page.getByTestId('message').filter({ hasText: 'Yes, it was sent this morning.' });
  await expect(reply).toHaveAttribute('data-delivery', 'pending');
  await expect(reply.getByTestId('delivery')).toHaveText('Waiting to send (offline)');

  // Attaching needs the hub: the control says so.
  await expect(page.getByTestId('attach-offline')).toHaveText('Files can be attached when the hub is reachable again.');
  // Marked aria-disabled, not disabled: it stays reachable, so pressing it explains rather than doing nothing.
  await page.getByTestId('attach').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('attach-problem')).toContainText('Files can be attached when the hub is reachable again.');

  // Transfer cannot wait in the outbox: the dialog says why and its button is off.
  await page.getByTestId('transfer').click();
  await expect(page.getByTestId('transfer-offline')).toContainText('Transferring needs the hub');
  await expect(page.getByTestId('transfer-submit')).toBeDisabled();
  await page.keyboard.press('Escape');

  // The offline screens pass axe in every language, light and dark: the banner with its queued action, Transfer refused.
  for (const { lang, theme } of LOOKS) {
    await lookAs(page, lang, theme);
    await expect(banner).toHaveClass(/offline-banner-offline/);
    await expectNoSeriousA11yViolations(page, `offline banner ${lang} ${theme}`);
    await page.getByTestId('transfer').click();
    await expect(page.getByTestId('transfer-offline')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `transfer dialog offline ${lang} ${theme}`);
    await page.keyboard.press('Escape');
  }
  await lookAs(page, 'en', 'light');

  // Search still answers from the cache, as the agent types.
  await page.getByTestId('search-input').fill('refund');
  await expect(page.getByTestId('search-result')).toHaveCount(1);
  await page.keyboard.press('Escape');

  hub = await startHubProcess(hubDir, port);
  await expect(reply).toHaveAttribute('data-delivery', 'sent', { timeout: 60_000 });
  await expect(page.getByTestId('agent-name')).toHaveAttribute('data-state', 'away');
  await expect(page.getByTestId('agent-state')).toHaveText(/^Away — Lunch$/);
  await expect(customer.page.locator('[data-direction="out"]')).toHaveText(['Yes, it was sent this morning.'], { timeout: 30_000 });

  await customer.close();
  await context.close();
});
