import { describe, expect, it } from 'vitest';
import { flattenLocale, placeholdersOf } from '../../../tests/harness/renderer/locale-tree';
import { supervisorLocales } from './supervisor-i18n';

const locales = { en: flattenLocale(supervisorLocales.en), 'zh-CN': flattenLocale(supervisorLocales['zh-CN']), 'zh-TW': flattenLocale(supervisorLocales['zh-TW']) };
const allKeys = new Set(Object.values(locales).flatMap((m) => [...m.keys()]));
const sources = Object.entries(
  import.meta.glob<string>(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true }),
).map(([file, text]) => ({ file, text }));

/**
 * The shared locale test covers the default namespace; this one covers the `supervisor` namespace.
 * Literal text in the console's components is caught by the shared no-literal-strings test.
 */
describe('supervisor locales', () => {
  for (const [language, keys] of Object.entries(locales)) {
    it(`${language} has every key, no empty text, and English's placeholders`, () => {
      expect([...allKeys].filter((k) => !keys.has(k))).toEqual([]);
      expect([...keys].filter(([, v]) => v.trim() === '')).toEqual([]);
      expect([...locales.en].filter(([k, v]) => placeholdersOf(keys.get(k) ?? '') !== placeholdersOf(v)).map(([k]) => k)).toEqual([]);
    });
  }

  it('every key the console asks for exists', () => {
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\bst\(\s*(['"`])([\w.-]+)(\$\{)?/g)) {
        const key = m[2]!;
        const dynamic = m[1] === '`' && m[3];
        if (dynamic ? ![...allKeys].some((k) => k.startsWith(key)) : !allKeys.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds the console sources it checks', () => {
    expect(sources.map((s) => s.file)).toContain('./supervisor-console.tsx');
  });
});
