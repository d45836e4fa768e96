import { z } from 'zod';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** The renderer's own preferences; devices are `MediaDeviceInfo.deviceId`s, '' meaning the system default. */
export const prefsSchema = z.object({
  theme: z.enum(themes).catch('system'),
  sounds: z.boolean().catch(true),
  notifications: z.boolean().catch(true),
  microphoneId: z.string().max(500).catch(''),
  speakerId: z.string().max(500).catch(''),
  ringerId: z.string().max(500).catch(''),
  /** Which SIP library the phone engine uses; takes effect when the phone is next idle. */
  sipAdapter: z.enum(['sipjs', 'jssip']).catch('sipjs'),
  /** Answer inbound calls by themselves after a short ring. */
  autoAnswer: z.boolean().catch(false),
});
export type Prefs = z.infer<typeof prefsSchema>;

/** Shared with the phone page, which reads devices and the adapter from here. */
export const PREFS_KEY = 'switchboard.prefs';

/** localStorage is another process's write as far as this code knows: validate, and fall back field by field. */
export function loadPrefs(storage: Pick<Storage, 'getItem'> = localStorage): Prefs {
  let raw: unknown = {};
  try {
    raw = JSON.parse(storage.getItem(PREFS_KEY) ?? '{}');
  } catch {
    raw = {};
  }
  const parsed = prefsSchema.safeParse(typeof raw === 'object' && raw !== null ? raw : {});
  return parsed.success ? parsed.data : prefsSchema.parse({});
}

export function savePrefs(prefs: Prefs, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(PREFS_KEY, JSON.stringify(prefs));
}

/** Puts the chosen theme on <html>; CSS falls back to the OS setting when it is 'system'. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
