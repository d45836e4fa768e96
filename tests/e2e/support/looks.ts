import { expect, type Page } from '@playwright/test';

export const LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Every language in both themes: the six ways an agent can see a screen. */
export const LOOKS = LANGUAGES.flatMap((lang) => THEMES.map((theme) => ({ lang, theme })));

/** How light the page's own background is (0 black … 1 white), as the user sees it. */
const backgroundLightness = (page: Page): Promise<number> =>
  page.evaluate(() => {
    // The first painted background from the body up; a page that paints none is the browser's white.
    for (const el of [document.body, document.documentElement]) {
      const [r, g, b, a = 1] = getComputedStyle(el).backgroundColor.match(/[\d.]+/g)?.map(Number) ?? [];
      if (r !== undefined && a > 0) return (0.2126 * r + 0.7152 * g! + 0.0722 * b!) / 255;
    }
    return 1;
  });

/**
 * Shows the page in `theme` (the OS setting, which the app follows while its own theme is
 * "system") and, when the page has the language menu, in `lang`; checks both took effect, so a
 * scan that follows really is of that look.
 */
export async function lookAs(page: Page, lang: string, theme: Theme, options: { language?: 'menu' | 'url' } = {}): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  if ((options.language ?? 'menu') === 'menu') {
    await page.getByTestId('language').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  }
  await expect.poll(() => backgroundLightness(page), { message: `the page should look ${theme}` })[theme === 'dark' ? 'toBeLessThan' : 'toBeGreaterThan'](0.5);
}
