import { describe, expect, it } from 'vitest';
import { createTranslator, languageFromLocale, shellDictionaries } from './translate';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('shell strings', () => {
  it('exist in every language with the same placeholders', () => {
    const en = shellDictionaries.en;
    for (const [language, dictionary] of Object.entries(shellDictionaries)) {
      expect(Object.keys(dictionary).sort(), language).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(dictionary)) {
        expect(text.trim().length, `${language} ${key}`).toBeGreaterThan(0);
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('are really translated, not copied from English', () => {
    const same = Object.entries(shellDictionaries['zh-CN']).filter(([key, text]) => text === shellDictionaries.en[key as keyof typeof shellDictionaries.en]);
    expect(same.map(([key]) => key)).toEqual(['tray.tooltip']);
  });

  it('fills placeholders', () => {
    expect(createTranslator('zh-TW')('notification.offer.title', { subject: '王小明' })).toBe('新的聯絡：王小明');
    expect(createTranslator('en')('update.ready.body', { version: '1.2.0' })).toBe('Version 1.2.0 will be installed when you restart Switchboard.');
  });

  it('maps OS locales to our languages', () => {
    expect(languageFromLocale('zh-CN')).toBe('zh-CN');
    expect(languageFromLocale('zh-Hans-SG')).toBe('zh-CN');
    expect(languageFromLocale('zh-HK')).toBe('zh-TW');
    expect(languageFromLocale('zh-Hant')).toBe('zh-TW');
    expect(languageFromLocale('en-GB')).toBe('en');
    expect(languageFromLocale('fr-FR')).toBe('en');
  });
});
