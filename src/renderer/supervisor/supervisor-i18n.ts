import i18next, { type i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';

/** The console's own namespace, so its strings live beside it and never in the shared locale files. */
export const SUPERVISOR_NS = 'supervisor';
import reportsEn from './reports/locales/en.json';
import reportsZhCN from './reports/locales/zh-CN.json';
import reportsZhTW from './reports/locales/zh-TW.json';

type Tree = { [key: string]: string | Tree };
/** The reports tab keeps its words in its own files; they join the console's namespace, branch by branch. */
function merged<A extends Tree, B extends Tree>(base: A, more: B): A & B {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(more)) {
    const had = out[key];
    out[key] = typeof had === 'object' && typeof value === 'object' ? merged(had, value) : value;
  }
  // Each key of both is in `out`, a branch in both merged: the intersection type says exactly that.
  return out as A & B;
}
export const supervisorLocales = { en: merged(en, reportsEn), 'zh-CN': merged(zhCN, reportsZhCN), 'zh-TW': merged(zhTW, reportsZhTW) } as const;

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
