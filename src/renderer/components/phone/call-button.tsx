import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';
import { phoneActions } from '../../store/phone-actions';
import { report } from '../../store/report';

/** Click-to-dial beside a customer's phone number. */
export function CallButton({ number }: { number: string }) {
  const { t } = useTranslation();
  const ready = useAppStore((s) => s.phoneAvailable && s.registration === 'registered');
  return (
    <button
      type="button"
      className="secondary small"
      disabled={!ready}
      onClick={() => void phoneActions.dial(number).then(report)}
      aria-label={t('phone.call_number', { number })}
      data-testid="customer-call"
    >
      {t('phone.call')}
    </button>
  );
}
