import i18next, { type i18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../i18n/i18n';
import { SlaBadge } from './sla-badge';

let i18n: i18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

/** The badge's text as a sighted agent reads it (visually hidden text left out). */
async function shown(lang: string, secondsFromNow: number): Promise<string> {
  await i18n.changeLanguage(lang);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <SlaBadge dueAt={Date.now() + secondsFromNow * 1000} />
    </I18nextProvider>,
  );
  return html.replace(/<span class="visually-hidden">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '');
}

describe('SLA badge (UX review P2-14)', () => {
  it('says in words that the response is overdue, never a bare negative time', async () => {
    expect(await shown('en', -325)).toMatch(/^Overdue 5:2[45]$/);
    expect(await shown('zh-CN', -325)).toMatch(/^已超时 5:2[45]$/);
    expect(await shown('zh-TW', -325)).toMatch(/^已逾時 5:2[45]$/);
  });

  it('shows the time left while there is some', async () => {
    expect(await shown('en', 125)).toMatch(/^2:0[45]$/);
  });
});
