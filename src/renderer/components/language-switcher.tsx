import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../i18n/i18n';
import { changeLanguage } from '../store/actions';
import { useAppStore } from '../store/app-store';

/**
 * The UI language, changed at once. Compact (the top bar, the sign-in screen) its label is for screen
 * readers only; in a form (settings) the label shows like its neighbours'.
 */
export function LanguageSwitcher({ testId = 'language', labelShown = false }: { testId?: string; labelShown?: boolean }) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  return (
    <label className={labelShown ? undefined : 'language'}>
      {labelShown ? t('shell.language') : <span className="visually-hidden">{t('shell.language')}</span>}
      <select value={language} onChange={(e) => void changeLanguage(e.target.value as Language)} data-testid={testId}>
        {languages.map((l) => (
          <option key={l} value={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
