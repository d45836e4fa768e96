import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { loadDispositions } from '../../store/agent-actions';
import { useAppStore } from '../../store/app-store';

/** The hub's disposition codes; a code this desktop has a translation for shows it, others the hub's label. */
export function DispositionSelect({ value, onChange, testId }: { value: string; onChange(code: string): void; testId: string }) {
  const { t } = useTranslation();
  const dispositions = useAppStore((s) => s.dispositions);
  useEffect(() => {
    void loadDispositions();
  }, []);
  const list = dispositions?.status === 'ready' ? dispositions.value : [];
  return (
    <label>
      {t('close.disposition')}
      <select value={value} onChange={(e) => onChange(e.target.value)} required data-testid={testId}>
        <option value="">{dispositions?.status === 'loading' ? t('common.loading') : t('close.choose')}</option>
        {list.map((d) => (
          <option key={d.code} value={d.code}>
            {t(`disposition.${d.code}`, { defaultValue: d.label })}
          </option>
        ))}
      </select>
      {dispositions?.status === 'failed' && (
        <span role="alert" className="error">
          {t(`error.${dispositions.error.code}`, { message: dispositions.error.message })}
        </span>
      )}
    </label>
  );
}
