import { expect, test } from '@playwright/test';
import { signIn } from './support/agent-page';
import { topBarProblems } from './support/top-bar-layout';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

/**
 * The top bar at the widths agents' screens have, in every language: nothing cut off, nothing
 * wrapped. An admin has the most controls (the console switch and the knowledge base), so admin is measured.
 */
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

const locales = ['en', 'zh-CN', 'zh-TW'] as const;
const widths = [1024, 1280, 1440] as const;

for (const locale of locales) {
  test(`the top bar fits on one line at 1024, 1280 and 1440 px in ${locale} @newcomer`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    // The web host keeps one signed-in agent for every window, as the desktop does: sign in once.
    await page.goto(host.openUrl);
    const form = page.getByLabel(/username|用户名|使用者名稱/i);
    await expect(form.or(page.getByTestId('agent-name'))).toBeVisible();
    if (await form.isVisible()) await signIn(page, host.openUrl, 'admin');
    await page.getByTestId('language').selectOption(locale);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      await expect(page.getByTestId('topbar')).toHaveClass(width < 1280 ? /topbar-compact/ : /^topbar$/);
      expect(await topBarProblems(page), `${locale} at ${width} px`).toEqual([]);
      if (width < 1280) {
        // Collapsed: the rarer controls are one "More" away, and they fit too.
        await page.getByTestId('topbar-more').click();
        await expect(page.getByTestId('open-settings')).toBeVisible();
        expect(await topBarProblems(page), `${locale} at ${width} px, menu open`).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('open-settings')).toBeHidden();
        await expect(page.getByTestId('topbar-more')).toBeFocused();
      } else {
        await expect(page.getByTestId('open-settings')).toBeVisible();
        await expect(page.getByTestId('open-supervisor')).toBeVisible();
        await expect(page.getByTestId('open-kb-admin')).toBeVisible();
      }
    }
    await context.close();
  });
}

test('without telephony the top bar says so plainly, offers no phone buttons, and tells what to install @newcomer', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(host.openUrl);
  const form = page.getByLabel(/username|用户名|使用者名稱/i);
  await expect(form.or(page.getByTestId('agent-name'))).toBeVisible();
  if (await form.isVisible()) await signIn(page, host.openUrl, 'sam');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('phone-registration')).toHaveText('No phone');
  await expect(page.getByTestId('open-phone')).toHaveCount(0);
  await expect(page.getByTestId('toggle-dialpad')).toHaveCount(0);
  await page.getByRole('button', { name: 'Why is there no phone?' }).click();
  await expect(page.getByTestId('phone-hint')).toContainText('install Kamailio (apt-get install kamailio kamailio-websocket-modules)');
  await context.close();
});
