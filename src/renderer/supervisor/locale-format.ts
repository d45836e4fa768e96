import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SUPERVISOR_NS, supervisorLocales } from './supervisor-i18n';

/** The language the console is shown in (for dates, times and sorting), following the app's setting. */
export function useSupervisorLanguage(): string {
  const { i18n } = useTranslation(SUPERVISOR_NS);
  return i18n.language || 'en';
}

const builtInNames: Record<string, string> = supervisorLocales.en.queueNames;

/**
 * A queue as the reader calls it. The hub's built-in queues (chat, voice, vip) keep their English
 * name until an admin renames them; while they do, the console shows that name in the reader's
 * language. A name an admin chose is shown as written.
 */
export function queueLabel(st: TFunction, id: string, hubName: string | undefined): string {
  const builtIn = builtInNames[id];
  if (builtIn !== undefined && (hubName === undefined || hubName === builtIn)) return st(`queueNames.${id}`);
  return hubName ?? id;
}

/** A time of day in the reader's language: 01:36:36 in Chinese, 1:36:36 AM in English. */
export function formatClock(language: string, at: number, seconds = true): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) }).format(at);
}
