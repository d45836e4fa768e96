import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWidgetSite, loadWidgetSites, widgetSite } from './widget-sites';
import { widgetLanguageOf } from './widget-strings';

const file = (content: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'widget-sites-')), 'sites.json');
  writeFileSync(path, content);
  return path;
};
const texts = (word: string) => ({ en: word, 'zh-CN': word, 'zh-TW': word });

describe('widget sites', () => {
  it('gives each site its own welcome and pre-chat form, the default entry to the rest', () => {
    const sites = loadWidgetSites(file(JSON.stringify({ shop: { welcome: texts('Hi shop'), preChat: { name: 'off', contact: 'optional' } }, default: { welcome: texts('Hello') } })));
    expect(widgetSite(sites, 'shop').welcome.en).toBe('Hi shop');
    expect(widgetSite(sites, 'shop').preChat).toEqual({ name: 'off', contact: 'optional' });
    expect(widgetSite(sites, 'elsewhere').welcome.en).toBe('Hello');
    expect(widgetSite(sites, 'elsewhere').preChat.name).toBe('required');
    expect(widgetSite(loadWidgetSites(undefined), 'shop')).toEqual(defaultWidgetSite);
  });

  it('refuses a bad file with a line naming what is wrong', () => {
    expect(() => loadWidgetSites(file('{'))).toThrow(/WIDGET_SITES_FILE .* could not be read/);
    expect(() => loadWidgetSites(file(JSON.stringify({ shop: { welcome: { en: 'only English' } } })))).toThrow(/WIDGET_SITES_FILE .* is not valid: .*zh-CN/);
  });

  it('speaks the page language: exact tags, then Chinese by script and region, else English', () => {
    expect(widgetLanguageOf('zh-CN')).toBe('zh-CN');
    expect(widgetLanguageOf('zh-Hant-HK')).toBe('zh-TW');
    expect(widgetLanguageOf('zh-TW')).toBe('zh-TW');
    expect(widgetLanguageOf('zh')).toBe('zh-CN');
    expect(widgetLanguageOf('fr-FR')).toBe('en');
    expect(widgetLanguageOf(undefined)).toBe('en');
  });
});
