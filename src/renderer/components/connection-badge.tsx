import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

export function ConnectionBadge() {
  const { t, i18n } = useTranslation();
  const connection = useAppStore((s) => s.connection);
  if (!connection) return null;
  const when = connection.lastSyncAt ? new Date(connection.lastSyncAt).toLocaleTimeString(i18n.language) : t('connection.never');
  return (
    <span className={`connection connection-${connection.status}`} role="status" data-testid="connection">
      {t(`connection.${connection.status}`, { when })}
    </span>
  );
}
