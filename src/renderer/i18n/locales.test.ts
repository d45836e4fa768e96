import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';
import { flattenLocale, placeholdersOf } from '../../../tests/harness/renderer/locale-tree';

const locales = { en: flattenLocale(en), 'zh-CN': flattenLocale(zhCN), 'zh-TW': flattenLocale(zhTW) };
const allKeys = new Set(Object.values(locales).flatMap((m) => [...m.keys()]));
/** i18next resolves `t('a.b', { count })` to `a.b_one`, `a.b_other`, … when the plain key is absent. */
const pluralSuffixes = ['', '_zero', '_one', '_two', '_few', '_many', '_other'];
const known = (key: string) => pluralSuffixes.some((suffix) => allKeys.has(key + suffix));

/** Vite reads the renderer's sources for the test, so the test needs no Node file APIs (lint forbids them here). */
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });

describe('locales', () => {
  for (const [language, keys] of Object.entries(locales)) {
    it(`${language} has every key some locale has, and no empty text`, () => {
      expect([...allKeys].filter((k) => !keys.has(k))).toEqual([]);
      expect([...keys].filter(([, v]) => v.trim() === '')).toEqual([]);
    });
    it(`${language} uses the same {{placeholders}} as English`, () => {
      const mismatched = [...locales.en].filter(([k, v]) => keys.has(k) && placeholdersOf(keys.get(k)!) !== placeholdersOf(v)).map(([k]) => k);
      expect(mismatched).toEqual([]);
    });
  }

  it('every literal key the renderer asks for exists', () => {
    const missing: string[] = [];
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    for (const [file, text] of Object.entries(sources)) {
      // t('a.b') and t(`a.${x}`): literal keys must exist; a template's fixed prefix must name a group.
      for (const m of text.matchAll(/\bt\(\s*(['"`])([\w.-]+)(\$\{)?/g)) {
        const key = m[2]!;
        if (m[1] === '`' && m[3]) {
          if (![...allKeys].some((k) => k.startsWith(key))) missing.push(`${file}: ${key}…`);
        } else if (!known(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
