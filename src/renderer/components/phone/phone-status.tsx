import { useTranslation } from 'react-i18next';
import { openPhoneWindow } from '../../phone/link/ui-phone-link';
import { useAppStore } from '../../store/app-store';

/** The phone in the top bar: registration state, a way to open the phone page, and the dialpad toggle. */
export function PhoneStatus() {
  const { t } = useTranslation();
  const available = useAppStore((s) => s.phoneAvailable);
  const link = useAppStore((s) => s.phoneLink);
  const registration = useAppStore((s) => s.registration);
  const dialpadOpen = useAppStore((s) => s.dialpadOpen);
  const setDialpadOpen = useAppStore((s) => s.setDialpadOpen);
  const hubTelephony = useAppStore((s) => s.hubTelephony);
  // A hub without telephony: say so plainly, and offer nothing that could not work.
  if ((!available && link === 'no_telephony') || hubTelephony === 'none') {
    return (
      <div className="phone-status">
        <span className="phone-badge phone-none" role="status" data-testid="phone-registration" data-registration="no_telephony" title={t('phone.no_telephony_hint')}>
          {t('phone.link.no_telephony')}
        </span>
      </div>
    );
  }
  const label = !available ? t('phone.not_open') : link === 'ready' ? t(`phone.registration.${registration}`) : t(`phone.link.${link}`);
  return (
    <div className="phone-status">
      <span className={`phone-badge phone-${available ? registration : 'absent'}`} role="status" data-testid="phone-registration" data-registration={available ? registration : 'absent'}>
        {label}
      </span>
      {!available && !window.switchboard && (
        <button type="button" className="secondary" onClick={() => openPhoneWindow()} data-testid="open-phone">
          {t('phone.open')}
        </button>
      )}
      {available && link === 'ready' && (
        <button
          type="button"
          className="secondary"
          aria-expanded={dialpadOpen}
          aria-controls="dialpad"
          onClick={() => setDialpadOpen(!dialpadOpen)}
          data-testid="toggle-dialpad"
        >
          {t('phone.dialpad')}
        </button>
      )}
    </div>
  );
}
