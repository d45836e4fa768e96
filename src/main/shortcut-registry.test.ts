import { describe, expect, it } from 'vitest';
import type { ShortcutAction } from '../shared/contracts/shell-contract';
import { createShortcutRegistry, isValidAccelerator, type GlobalShortcutLike } from './shortcut-registry';

/** Stands in for globalShortcut: keys held by "another program" refuse registration. */
function fakeGlobalShortcut(heldElsewhere: string[] = []) {
  const registered = new Map<string, () => void>();
  const gs: GlobalShortcutLike = {
    register: (accelerator, callback) => {
      if (heldElsewhere.includes(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void registered.delete(accelerator),
  };
  return { gs, registered, press: (accelerator: string) => registered.get(accelerator)?.() };
}

describe('accelerators', () => {
  it('accepts modifier combinations and lone function or media keys', () => {
    for (const a of ['CommandOrControl+Alt+A', 'Ctrl+Shift+F5', 'Alt+Plus', 'Shift++', 'F9', 'MediaPlayPause', 'Super+Space', 'CmdOrCtrl+num5']) {
      expect(isValidAccelerator(a), a).toBe(true);
    }
  });

  it('refuses bare letters, unknown names and repeated modifiers', () => {
    for (const a of ['A', 'Space', 'Ctrl+', 'Ctrl+Ctrl+A', 'Hyper+A', 'Ctrl+Banana', 'Ctrl+F25', '']) {
      expect(isValidAccelerator(a), a).toBe(false);
    }
  });
});

describe('shortcut registry', () => {
  const shortcuts: Record<ShortcutAction, string | null> = { answer: 'CommandOrControl+Alt+A', hangUp: 'CommandOrControl+Alt+H', mute: 'F9' };

  it('registers every action and reports presses', () => {
    const fake = fakeGlobalShortcut();
    const pressed: ShortcutAction[] = [];
    const registry = createShortcutRegistry(fake.gs, (a) => pressed.push(a));
    expect(registry.apply(shortcuts).every((s) => s.registered && s.problem === null)).toBe(true);
    fake.press('F9');
    fake.press('CommandOrControl+Alt+A');
    expect(pressed).toEqual(['mute', 'answer']);
  });

  it('reports a key another program holds as a conflict, and keeps the others', () => {
    const fake = fakeGlobalShortcut(['CommandOrControl+Alt+H']);
    const statuses = createShortcutRegistry(fake.gs, () => {}).apply(shortcuts);
    expect(statuses).toEqual([
      { action: 'answer', accelerator: 'CommandOrControl+Alt+A', registered: true, problem: null },
      { action: 'hangUp', accelerator: 'CommandOrControl+Alt+H', registered: false, problem: 'conflict' },
      { action: 'mute', accelerator: 'F9', registered: true, problem: null },
    ]);
  });

  it('reports two actions on one key, invalid keys, and unset actions', () => {
    const fake = fakeGlobalShortcut();
    const statuses = createShortcutRegistry(fake.gs, () => {}).apply({ answer: 'F9', hangUp: 'f9', mute: null });
    expect(statuses.map((s) => [s.action, s.registered, s.problem])).toEqual([
      ['answer', true, null],
      ['hangUp', false, 'conflict'],
      ['mute', false, null],
    ]);
    const invalid = createShortcutRegistry(fakeGlobalShortcut().gs, () => {}).apply({ answer: 'A', hangUp: null, mute: null });
    expect(invalid[0]).toMatchObject({ registered: false, problem: 'invalid' });
  });

  it('releases the old keys when shortcuts change', () => {
    const fake = fakeGlobalShortcut();
    const registry = createShortcutRegistry(fake.gs, () => {});
    registry.apply(shortcuts);
    registry.apply({ ...shortcuts, mute: 'F10' });
    expect([...fake.registered.keys()].sort()).toEqual(['CommandOrControl+Alt+A', 'CommandOrControl+Alt+H', 'F10']);
    registry.unregisterAll();
    expect(fake.registered.size).toBe(0);
  });
});
