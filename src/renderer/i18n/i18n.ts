import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';

export const languages = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof languages)[number];

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN }, 'zh-TW': { translation: zhTW } } as const;

export function detectLanguage(stored: string | null, browser: string): Language {
  const wanted = stored ?? browser;
  if ((languages as readonly string[]).includes(wanted)) return wanted as Language;
  if (wanted.startsWith('zh')) return /TW|HK|Hant/i.test(wanted) ? 'zh-TW' : 'zh-CN';
  return 'en';
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}
