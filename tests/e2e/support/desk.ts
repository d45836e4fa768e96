import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { openWidgetCustomer, type WidgetCustomer } from './workspace-customer';

/** A valid 1×1 PNG: the hub checks the bytes of every upload against its declared type. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** Picks a state from the agent's state menu by its value (`available`, `busy`, `away:break`, `offline`). */
export async function chooseAgentState(page: Page, value: string): Promise<void> {
  const button = page.getByTestId('agent-state');
  await button.click();
  await page.getByTestId('agent-state-menu').locator(`[data-value="${value}"]`).click();
  await expect(page.getByTestId('agent-state-menu')).toBeHidden();
}

/** A customer writes on the widget and the agent takes the offer by clicking it. */
export async function takeChat(page: Page, browser: Browser, hubUrl: string, text: string, lang = 'en'): Promise<WidgetCustomer> {
  const customer = await openWidgetCustomer(browser, hubUrl, lang);
  await customer.say(text);
  await page.getByTestId('offers').getByTestId('offer').filter({ hasText: text }).getByTestId('offer-accept').click();
  await expect(page.getByTestId('messages')).toContainText(text);
  return customer;
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** What has focus, described for a failure message. */
export const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}[data-testid=${el.getAttribute('data-testid') ?? ''}]` : 'none';
  });

/** Two boxes on screen overlap. */
export async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) return false;
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

/** Opens Settings from the top bar, through its "More" menu where the bar is narrow. */
export async function openSettings(page: Page): Promise<void> {
  const more = page.getByTestId('topbar-more');
  if (await more.isVisible()) await more.click();
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
}
