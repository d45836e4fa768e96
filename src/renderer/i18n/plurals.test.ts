import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from './i18n';
import supervisorEn from '../supervisor/locales/en.json';
import supervisorZhCN from '../supervisor/locales/zh-CN.json';
import supervisorZhTW from '../supervisor/locales/zh-TW.json';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Array<[string, string]> =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));

const PLURAL = /_(zero|one|two|few|many|other)$/;
const bundles: Record<string, Tree> = {
  en: resources.en.translation,
  'zh-CN': resources['zh-CN'].translation,
  'zh-TW': resources['zh-TW'].translation,
  'supervisor en': supervisorEn,
  'supervisor zh-CN': supervisorZhCN,
  'supervisor zh-TW': supervisorZhTW,
};

describe('plural forms', () => {
  for (const [name, tree] of Object.entries(bundles)) {
    it(`${name}: every text with a count is a plural form, and each plural has its "other"`, () => {
      const entries = flatten(tree);
      const keys = new Set(entries.map(([k]) => k));
      expect(entries.filter(([k, v]) => /\{\{\s*count\s*\}\}/.test(v) && !PLURAL.test(k)).map(([k]) => k)).toEqual([]);
      const stems = new Set(entries.map(([k]) => k).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      expect([...stems].filter((s) => !keys.has(`${s}_other`))).toEqual([]);
      if (name.endsWith('en')) expect([...stems].filter((s) => !keys.has(`${s}_one`))).toEqual([]);
    });
  }

  it('says "1 conversation" and "2 conversations" in English, and picks the one Chinese form', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
    expect(i18n.t('inbox.count', { count: 1 })).toBe('1 conversation');
    expect(i18n.t('inbox.count', { count: 0 })).toBe('0 conversations');
    expect(i18n.t('inbox.count', { count: 2 })).toBe('2 conversations');
    expect(i18n.t('offline.pending', { count: 1 })).toBe('1 action waiting to send');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('inbox.count', { count: 1 })).toBe('共 1 个会话');
    await i18n.changeLanguage('zh-TW');
    expect(i18n.t('inbox.count', { count: 3 })).toBe('共 3 個對話');
  });
});
