import i18next, { type i18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PhoneWindowState, UpdateState } from '../../../shared/contracts/shell-contract';
import en from '../../i18n/locales/en.json';
import zhCN from '../../i18n/locales/zh-CN.json';
import zhTW from '../../i18n/locales/zh-TW.json';
import { shellStore } from '../../shell/shell-store';
import { PhoneWindowBanner } from './phone-window-banner';
import { UpdateIndicator } from './update-indicator';

// The real action talks to the app's RPC client, which needs a browser window; the render never calls it.
vi.mock('../../shell/shell-actions', () => ({ restartToUpdate: vi.fn(async () => {}) }));

let i18n: i18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN }, 'zh-TW': { translation: zhTW } }, lng: 'en', fallbackLng: 'en' });
  // Rendering on the server, zustand reads the store's initial state (hydration); these tests
  // render the state they just set.
  vi.spyOn(shellStore, 'getInitialState').mockImplementation(() => shellStore.getState());
});

const base = { currentVersion: '1.2.0', channel: 'stable' as const };

async function render(language: string, update: UpdateState | null, phone: PhoneWindowState | null = null, present = true): Promise<string> {
  await i18n.changeLanguage(language);
  shellStore.getState().patch({ present, update, phone });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <UpdateIndicator />
      <PhoneWindowBanner />
    </I18nextProvider>,
  );
}

/** What a person reads: the markup without tags. */
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('update indicator', () => {
  it('shows nothing under the web host, nor when there is nothing to say', async () => {
    expect(await render('en', { ...base, status: 'ready', version: '1.3.0', releaseNotes: null }, null, false)).toBe('');
    for (const update of [{ ...base, status: 'idle' }, { ...base, status: 'checking' }, { ...base, status: 'up_to_date', checkedAt: 1 }] as const) {
      expect(await render('en', update)).toBe('');
    }
    // A feed that cannot be reached is retried on the next check; it is not the agent's problem.
    expect(await render('en', { ...base, status: 'error', problem: 'network', message: 'offline', version: null })).toBe('');
  });

  it('shows the download with its progress', async () => {
    const html = await render('en', { ...base, status: 'downloading', version: '1.3.0', transferred: 25, total: 100 });
    expect(text(html)).toBe('Downloading version 1.3.0: 25%');
    expect(html).toContain('<progress aria-label="Update download" max="100" value="25">');
    const unknownSize = await render('zh-CN', { ...base, status: 'downloading', version: '1.3.0', transferred: 25, total: 0 });
    expect(text(unknownSize)).toBe('正在下载 1.3.0 版本…');
  });

  it('offers "Restart to update" as a button once the update is verified', async () => {
    const html = await render('en', { ...base, status: 'ready', version: '1.3.0', releaseNotes: null });
    expect(text(html)).toBe('Version 1.3.0 is ready. Restart to update');
    expect(html).toMatch(/<button type="button" data-testid="update-restart">Restart to update<\/button>/);
    expect(text(await render('zh-TW', { ...base, status: 'ready', version: '1.3.0', releaseNotes: null }))).toBe('1.3.0 版已就緒。 重新啟動以更新');
  });

  it('says it waits for calls to end', async () => {
    expect(text(await render('en', { ...base, status: 'waiting_for_calls', version: '1.3.0', activeCalls: 1 }))).toBe('Version 1.3.0 will be installed when 1 call ends.');
    expect(text(await render('en', { ...base, status: 'waiting_for_calls', version: '1.3.0', activeCalls: 2 }))).toBe('Version 1.3.0 will be installed when 2 calls end.');
    expect(text(await render('zh-TW', { ...base, status: 'waiting_for_calls', version: '1.3.0', activeCalls: 2 }))).toBe('2 通通話結束後將安裝 1.3.0 版。');
  });

  it('says a tampered download was refused, as an alert the agent can dismiss', async () => {
    const html = await render('en', { ...base, status: 'error', problem: 'tampered', message: 'sha512 mismatch', version: '1.3.0' });
    expect(html).toContain('role="alert"');
    expect(text(html)).toBe('The update failed its integrity check and was discarded. Your version was not changed. Dismiss');
    expect(text(await render('zh-CN', { ...base, status: 'error', problem: 'tampered', message: 'x', version: '1.3.0' }))).toContain('更新未通过完整性校验，已被丢弃。');
  });
});

describe('phone window banner', () => {
  it('says when the phone restarts or was given up on, and nothing while it runs', async () => {
    const restarting: PhoneWindowState = { status: 'restarting', restarts: 1, lastCrash: { reason: 'crashed', exitCode: 139, at: 1 } };
    expect(text(await render('en', null, restarting))).toBe('The phone stopped unexpectedly and is restarting. A call in progress may have dropped.');
    expect(text(await render('zh-TW', null, { ...restarting, status: 'gave_up' }))).toBe('話機反覆停止，不再自動重新啟動。請重新啟動 Switchboard 以恢復通話。');
    expect(await render('en', null, { ...restarting, status: 'running' })).toBe('');
    expect(await render('en', null, restarting, false)).toBe('');
  });
});
