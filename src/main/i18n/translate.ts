import type { ShellLanguage } from '../../shared/contracts/shell-contract';
import { en, type ShellStringKey, type ShellStrings } from './en';
import { zhCN } from './zh-cn';
import { zhTW } from './zh-tw';

/**
 * The few strings the shell itself shows (tray menu, notifications), in the UI's three
 * languages. Kept apart from the renderer's locale files, which main may not import (layering),
 * and as TypeScript rather than JSON so a missing key in any language fails the typecheck.
 */
export type { ShellStringKey };
export const shellDictionaries: Record<ShellLanguage, ShellStrings> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

export type Translate = (key: ShellStringKey, vars?: Record<string, string | number>) => string;

export function createTranslator(language: ShellLanguage): Translate {
  const dictionary = shellDictionaries[language];
  return (key, vars = {}) => dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Electron's locale (`zh-TW`, `zh-HK`, `zh-Hans-CN`, `en-US`…) to one of ours, until the UI says which it uses. */
export function languageFromLocale(locale: string): ShellLanguage {
  if (/^zh/i.test(locale)) return /TW|HK|MO|Hant/i.test(locale) ? 'zh-TW' : 'zh-CN';
  return 'en';
}
