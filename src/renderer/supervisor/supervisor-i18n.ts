import i18next, { type i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';

/** The console's own namespace, so its strings live beside it and never in the shared locale files. */
export const SUPERVISOR_NS = 'supervisor';
export const supervisorLocales = { en, 'zh-CN': zhCN, 'zh-TW': zhTW } as const;

export function registerSupervisorLocales(instance: i18n = i18next): void {
  for (const [language, bundle] of Object.entries(supervisorLocales)) {
    if (!instance.hasResourceBundle(language, SUPERVISOR_NS)) instance.addResourceBundle(language, SUPERVISOR_NS, bundle, true, false);
  }
}

/**
 * The console's translate function. Named `st`, not `t`: the shared locale test checks every
 * `t('…')` against the default namespace; supervisor-locales.test.ts checks these keys instead.
 */
export function useSupervisorT() {
  registerSupervisorLocales();
  const { t } = useTranslation(SUPERVISOR_NS);
  return t;
}
