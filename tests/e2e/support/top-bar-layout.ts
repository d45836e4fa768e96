import type { Page } from '@playwright/test';

/**
 * What a person would see wrong in the top bar, measured from the DOM: a control outside the
 * window, cut off, its text broken over two lines, or the bar itself grown past one row.
 * Returns one line per problem (empty when the bar is fine).
 */
export function topBarProblems(page: Page, scope = '[data-testid="topbar"]'): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector<HTMLElement>(selector);
    if (!root) return [`${selector} not found`];
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const canvas = document.createElement('canvas').getContext('2d')!;
    const nameOf = (el: HTMLElement) => el.dataset.testid ?? (el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName).slice(0, 40);
    const controls = [...root.querySelectorAll<HTMLElement>('h1, button, select, input, [role="status"], [data-testid="agent-name"]')].filter(
      (el) => el.getClientRects().length > 0 && !el.closest('[hidden]'),
    );
    let tallest = 0;
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      tallest = Math.max(tallest, box.height);
      const name = nameOf(el);
      if (box.left < -0.5 || box.right > width + 0.5) problems.push(`${name}: outside the window (${Math.round(box.left)}–${Math.round(box.right)} of ${width})`);
      const style = getComputedStyle(el);
      if (el instanceof HTMLInputElement) {
        canvas.font = `${style.fontSize} ${style.fontFamily}`;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (el.placeholder && canvas.measureText(el.placeholder).width > room + 1) problems.push(`${name}: placeholder cut off`);
        continue;
      }
      if (!(el instanceof HTMLSelectElement) && el.scrollWidth > el.clientWidth + 1) problems.push(`${name}: text cut off`);
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
      const lineGap = parseFloat(style.fontSize) * 0.8;
      if (tops.length > 0 && Math.max(...tops) - Math.min(...tops) > lineGap) problems.push(`${name}: text wraps onto more lines`);
    }
    const bar = root.getBoundingClientRect();
    if (bar.height > tallest + 24) problems.push(`the bar is ${Math.round(bar.height)} px tall: its controls do not fit on one row`);
    return problems;
  }, scope);
}
