import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const locales = { en: flatten(en), 'zh-CN': flatten(zhCN), 'zh-TW': flatten(zhTW) };
const allKeys = new Set(Object.values(locales).flatMap((m) => [...m.keys()]));
/** i18next resolves `t('a.b', { count })` to `a.b_one`, `a.b_other`, … when the plain key is absent. */
const pluralSuffixes = ['', '_zero', '_one', '_two', '_few', '_many', '_other'];
const known = (key: string) => pluralSuffixes.some((suffix) => allKeys.has(key + suffix));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

/** Vite reads the renderer's sources for the test, so the test needs no Node file APIs (lint forbids them here). */
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });

describe('locales', () => {
  for (const [language, keys] of Object.entries(locales)) {
    it(`${language} has every key some locale has, and no empty text`, () => {
      expect([...allKeys].filter((k) => !keys.has(k))).toEqual([]);
      expect([...keys].filter(([, v]) => v.trim() === '')).toEqual([]);
    });
    it(`${language} uses the same {{placeholders}} as English`, () => {
      const mismatched = [...locales.en].filter(([k, v]) => keys.has(k) && placeholders(keys.get(k)!).join() !== placeholders(v).join()).map(([k]) => k);
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
