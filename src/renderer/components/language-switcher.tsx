import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../i18n/i18n';
import { changeLanguage } from '../store/actions';
import { useAppStore } from '../store/app-store';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  return (
    <label className="language">
      <span className="visually-hidden">{t('shell.language')}</span>
      <select value={language} onChange={(e) => void changeLanguage(e.target.value as Language)} data-testid="language">
        {languages.map((l) => (
          <option key={l} value={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
