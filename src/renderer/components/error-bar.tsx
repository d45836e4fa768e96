import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

/** The last failed action, in the agent's language, until dismissed. */
export function ErrorBar() {
  const { t } = useTranslation();
  const error = useAppStore((s) => s.lastError);
  const setError = useAppStore((s) => s.setError);
  if (!error) return null;
  return (
    <div className="error-bar" role="alert" data-testid="error-bar">
      <span>{t(`error.${error.code}`, { message: error.message })}</span>
      <button type="button" className="secondary" onClick={() => setError(null)}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
