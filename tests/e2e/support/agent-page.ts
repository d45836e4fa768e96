import { expect, type Page } from '@playwright/test';

/** Signs in through the real login form, as an agent would. */
export async function signIn(page: Page, openUrl: string, username: string, password = 'switchboard'): Promise<void> {
  await page.goto(openUrl);
  await page.getByLabel(/username|用户名|使用者名稱/i).fill(username);
  await page.getByLabel(/password|密码|密碼/i).fill(password);
  await page.getByRole('button', { name: /sign in|登录|登入/i }).click();
  await expect(page.getByTestId('agent-name')).toBeVisible();
}
