import { describe, expect, it } from 'vitest';
import { createTranslator } from './i18n/translate';
import { buildTrayModel, type TrayMenuEntry } from './tray-menu-model';

const labels = (entries: TrayMenuEntry[]): string[] =>
  entries.flatMap((e) => (e.type === 'separator' ? ['—'] : e.type === 'submenu' ? [`${e.label} >`, ...labels(e.entries).map((l) => `  ${l}`)] : [e.type === 'radio' && e.checked ? `(*) ${e.label}` : e.label]));

describe('tray menu', () => {
  it('shows the agent state, lets the agent change it, and offers show and quit', () => {
    const model = buildTrayModel({ signedIn: true, agentState: 'busy', displayName: 'Alice Wang', phoneRegistered: true }, createTranslator('en'));
    expect(model.icon).toBe('busy');
    expect(model.tooltip).toBe('Switchboard — Busy');
    expect(labels(model.entries)).toEqual([
      'Alice Wang — Busy',
      'Phone ready',
      '—',
      'Set my status >',
      '  Available',
      '  (*) Busy',
      '  Away',
      '  After-call work',
      '  Offline',
      '—',
      'Show Switchboard',
      'Quit Switchboard',
    ]);
    const submenu = model.entries.find((e) => e.type === 'submenu');
    expect(submenu?.type === 'submenu' && submenu.entries[0]).toMatchObject({ action: { kind: 'set_state', state: 'available' } });
  });

  it('is translated', () => {
    const model = buildTrayModel({ signedIn: true, agentState: 'available', displayName: '王芳', phoneRegistered: false }, createTranslator('zh-CN'));
    expect(model.tooltip).toBe('Switchboard — 空闲');
    expect(labels(model.entries)).toContain('话机未连接');
    expect(labels(model.entries)).toContain('退出 Switchboard');
    expect(labels(buildTrayModel({ signedIn: false, agentState: null, displayName: null, phoneRegistered: false }, createTranslator('zh-TW')).entries)).toEqual([
      '未登入',
      '—',
      '顯示 Switchboard',
      '結束 Switchboard',
    ]);
  });

  it('shows the signed-out icon when nobody is signed in', () => {
    expect(buildTrayModel({ signedIn: false, agentState: 'available', displayName: null, phoneRegistered: false }, createTranslator('en')).icon).toBe('signed_out');
  });
});
