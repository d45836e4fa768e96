import i18next, { type i18n } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import en from '../i18n/locales/en.json';
import zhCN from '../i18n/locales/zh-CN.json';
import zhTW from '../i18n/locales/zh-TW.json';
import { LanguageSwitcher } from './language-switcher';

// The store reads localStorage and the action talks to the app's RPC client: neither exists here, and the render calls neither.
vi.mock('../store/app-store', () => ({ useAppStore: (select: (s: { language: string }) => unknown) => select({ language: 'zh-TW' }) }));
vi.mock('../store/actions', () => ({ changeLanguage: vi.fn(async () => {}) }));

let i18n: i18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN }, 'zh-TW': { translation: zhTW } }, lng: 'en', fallbackLng: 'en' });
});

const render = (node: ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

describe('language switcher', () => {
  it('offers every UI language by its own name, the current one chosen', () => {
    const html = render(<LanguageSwitcher />);
    expect([...html.matchAll(/<option value="([^"]+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['zh-CN', '简体中文'],
      ['zh-TW', '繁體中文'],
      ['en', 'English'],
    ]);
    expect(html).toMatch(/<option value="zh-TW" selected="">/);
  });

  it('labels the compact switcher for screen readers only, and the one in a form like its neighbours', () => {
    const compact = render(<LanguageSwitcher />);
    expect(compact).toContain('<label class="language"><span class="visually-hidden">Language</span><select data-testid="language">');
    const inForm = render(<LanguageSwitcher testId="settings-language" labelShown />);
    expect(inForm).toContain('<label>Language<select data-testid="settings-language">');
  });
});
