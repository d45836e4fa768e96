import { useTranslation } from 'react-i18next';
import { useShellStore } from '../../shell/shell-store';

/** The desktop shell restarted the hidden phone window after a crash, or gave up on it. */
export function PhoneWindowBanner() {
  const { t } = useTranslation();
  const status = useShellStore((s) => (s.present ? s.phone?.status : undefined));
  if (status !== 'restarting' && status !== 'gave_up') return null;
  return (
    <div className="error-bar phone-window-banner" role="alert" data-testid="phone-window-banner" data-status={status}>
      {t(`phoneWindow.${status}`)}
    </div>
  );
}
