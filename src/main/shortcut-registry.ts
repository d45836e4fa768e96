import { shortcutActions, type ShortcutAction, type ShortcutStatus } from '../shared/contracts/shell-contract';

/** The part of Electron's globalShortcut this needs; tests pass a stand-in. */
export interface GlobalShortcutLike {
  /** False when another program already holds the key (Electron's own signal for a conflict). */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'backspace', 'delete', 'insert', 'return', 'enter', 'up', 'down', 'left', 'right',
  'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9', 'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
/** Keys a headset or keyboard sends on their own; fine as a global shortcut without modifiers. */
const STANDALONE = /^(f([1-9]|1\d|2[0-4])|volumeup|volumedown|volumemute|medianexttrack|mediaprevioustrack|mediastop|mediaplaypause)$/;

/**
 * Electron's accelerator grammar (modifiers joined by `+`, then one key). A global shortcut
 * without a modifier would swallow that key in every program, so only function and media keys
 * may stand alone.
 */
export function isValidAccelerator(accelerator: string): boolean {
  const parts = accelerator.split(/\+(?!$)/).map((p) => p.trim().toLowerCase());
  const key = parts.pop() ?? '';
  if (parts.some((m) => !MODIFIERS.has(m)) || new Set(parts).size !== parts.length) return false;
  const isKey = /^[a-z0-9]$/.test(key) || /^[)!@#$%^&*(:;+=<,_\->.?/~`{}[\]|\\'"]$/.test(key) || NAMED_KEYS.has(key) || STANDALONE.test(key);
  if (!isKey) return false;
  return parts.length > 0 || STANDALONE.test(key);
}

export interface ShortcutRegistry {
  /** Replaces every registration; returns what took and what did not. */
  apply(shortcuts: Record<ShortcutAction, string | null>): ShortcutStatus[];
  statuses(): ShortcutStatus[];
  unregisterAll(): void;
}

export function createShortcutRegistry(globalShortcut: GlobalShortcutLike, onPressed: (action: ShortcutAction) => void): ShortcutRegistry {
  let held: string[] = [];
  let current: ShortcutStatus[] = shortcutActions.map((action) => ({ action, accelerator: null, registered: false, problem: null }));

  const unregisterAll = (): void => {
    held.forEach((a) => globalShortcut.unregister(a));
    held = [];
  };

  return {
    apply(shortcuts) {
      unregisterAll();
      const taken = new Set<string>();
      current = shortcutActions.map((action): ShortcutStatus => {
        const accelerator = shortcuts[action];
        if (accelerator === null) return { action, accelerator, registered: false, problem: null };
        if (!isValidAccelerator(accelerator)) return { action, accelerator, registered: false, problem: 'invalid' };
        const normalized = accelerator.toLowerCase();
        // Two of our own actions on one key is as much a conflict as another program holding it.
        if (taken.has(normalized)) return { action, accelerator, registered: false, problem: 'conflict' };
        let ok: boolean;
        try {
          ok = globalShortcut.register(accelerator, () => onPressed(action));
        } catch {
          return { action, accelerator, registered: false, problem: 'invalid' };
        }
        if (!ok) return { action, accelerator, registered: false, problem: 'conflict' };
        taken.add(normalized);
        held.push(accelerator);
        return { action, accelerator, registered: true, problem: null };
      });
      return current;
    },
    statuses: () => current,
    unregisterAll,
  };
}
