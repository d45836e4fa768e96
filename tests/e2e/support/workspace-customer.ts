import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startWidgetChat } from './widget-pre-chat';

/** A web-chat customer in their own browser context, writing through the hub's real widget page. */
export interface WidgetCustomer {
  page: Page;
  context: BrowserContext;
  say(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function openWidgetCustomer(browser: Browser, hubUrl: string, lang = 'zh-CN'): Promise<WidgetCustomer> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hubUrl}/widget?lang=${lang}`);
  await startWidgetChat(page);
  return {
    page,
    context,
    async say(text) {
      // Nobody available: the message goes in through the offline form, as a visitor would leave it.
      if (await page.getByTestId('widget-offline').isVisible()) {
        await page.getByTestId('offline-name').fill('Test Visitor');
        await page.getByTestId('offline-contact').fill(`visitor-${Date.now()}@example.com`);
        await page.getByTestId('offline-message').fill(text);
        await page.getByRole('checkbox').check();
        await page.getByTestId('offline-send').click();
        await expect(page.getByTestId('widget-thanks')).toBeVisible();
        return;
      }
      await page.getByTestId('widget-input').fill(text);
      await page.getByTestId('widget-send').click();
      await expect(page.getByTestId('widget-log')).toContainText(text);
    },
    close: () => context.close(),
  };
}

/** Opens the workspace on a web host, signing in first if that host has no agent yet (it keeps one for all windows). */
export async function openWorkspace(page: Page, openUrl: string, username: string): Promise<void> {
  await page.goto(openUrl);
  const shell = page.getByTestId('agent-name');
  const usernameField = page.getByLabel(/username|用户名|使用者名稱/i);
  await expect(shell.or(usernameField)).toBeVisible();
  if (await shell.isVisible()) return;
  await usernameField.fill(username);
  await page.getByLabel(/password|密码|密碼/i).fill('switchboard');
  await page.getByRole('button', { name: /^(sign in|登录|登入)$/i }).click();
  await expect(shell).toBeVisible();
}
