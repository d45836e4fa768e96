import { z } from 'zod';
import { shellSettingsSchema, type ShellSettings, type ShellSettingsPatch } from '../../shared/contracts/shell-contract';

/** The settings file: the settings the UI can change, plus a version for later migrations. */
export const settingsFileSchema = z.object({ version: z.literal(1), settings: shellSettingsSchema });
export type SettingsFile = z.infer<typeof settingsFileSchema>;

/**
 * Shortcut defaults chosen to be unlikely to collide with common desktop shortcuts; a collision
 * is reported to the user anyway.
 */
export const defaultSettings: ShellSettings = {
  hubUrl: null,
  updates: { feedUrl: null, channel: 'stable', autoCheck: true },
  shortcuts: { answer: 'CommandOrControl+Alt+A', hangUp: 'CommandOrControl+Alt+H', mute: 'CommandOrControl+Alt+M' },
  launchAtLogin: false,
  closeToTray: true,
  notifications: true,
  confirmDialLinks: true,
};

/** Applies a validated patch; nested groups merge, so changing the channel keeps the feed URL. */
export function applySettingsPatch(current: ShellSettings, patch: ShellSettingsPatch): ShellSettings {
  return shellSettingsSchema.parse({
    ...current,
    ...(patch.hubUrl !== undefined ? { hubUrl: patch.hubUrl } : {}),
    updates: { ...current.updates, ...stripUndefined(patch.updates) },
    shortcuts: { ...current.shortcuts, ...stripUndefined(patch.shortcuts) },
    launchAtLogin: patch.launchAtLogin ?? current.launchAtLogin,
    closeToTray: patch.closeToTray ?? current.closeToTray,
    notifications: patch.notifications ?? current.notifications,
    confirmDialLinks: patch.confirmDialLinks ?? current.confirmDialLinks,
  });
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
