import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { defaultSettings } from './settings-schema';
import { openSettingsStore, SETTINGS_FILE_NAME } from './settings-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts from defaults and keeps changes across a restart', () => {
    const store = openSettingsStore(dir, createMemoryLogger());
    expect(store.get()).toEqual(defaultSettings);
    const heard: unknown[] = [];
    store.onChange((s) => heard.push(s));
    store.update({ updates: { channel: 'beta', feedUrl: 'https://updates.example.com/switchboard' } });
    store.update({ updates: { autoCheck: false }, shortcuts: { mute: 'F9' } });
    expect(heard).toHaveLength(2);

    const reopened = openSettingsStore(dir, createMemoryLogger());
    expect(reopened.get().updates).toEqual({ channel: 'beta', feedUrl: 'https://updates.example.com/switchboard', autoCheck: false });
    expect(reopened.get().shortcuts).toEqual({ ...defaultSettings.shortcuts, mute: 'F9' });
    expect(reopened.loadProblem).toBeNull();
  });

  it('refuses an invalid value without writing anything', () => {
    const store = openSettingsStore(dir, createMemoryLogger());
    expect(() => store.update({ updates: { feedUrl: 'file:///etc/passwd' } })).toThrow();
    expect(readdirSync(dir)).toEqual([]);
    expect(store.get()).toEqual(defaultSettings);
  });

  it('keeps an unreadable file aside and falls back to defaults', () => {
    writeFileSync(join(dir, SETTINGS_FILE_NAME), '{"version":1,"settings":{"hubUrl":42}}');
    const log = createMemoryLogger();
    const store = openSettingsStore(dir, log, () => 1234);
    expect(store.get()).toEqual(defaultSettings);
    expect(store.loadProblem).toMatch(/hubUrl/);
    expect(readFileSync(join(dir, `${SETTINGS_FILE_NAME}.invalid-1234`), 'utf8')).toContain('42');
    expect(log.entries.some((e) => e.level === 'warn')).toBe(true);

    writeFileSync(join(dir, SETTINGS_FILE_NAME), 'not json');
    expect(openSettingsStore(dir, log, () => 5678).loadProblem).toMatch(/not valid JSON/);
  });
});
