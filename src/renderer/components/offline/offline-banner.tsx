import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';
import './offline-banner.css';

/** Says when the desk works from its cache, how fresh it is, what waits to be sent, and how a catch-up is going. */
export function OfflineBanner() {
  const { t, i18n } = useTranslation();
  const connection = useAppStore((s) => s.connection);
  if (!connection) return null;
  const { status, lastSyncAt, sync, pendingActions, notice } = connection;
  const when = lastSyncAt ? new Date(lastSyncAt).toLocaleString(i18n.language) : t('connection.never');
  const parts: string[] = [];
  if (status === 'offline') parts.push(t('offline.banner', { when }));
  if (pendingActions) parts.push(t('offline.pending', { count: pendingActions }));
  if (sync && sync.head > sync.from) {
    const percent = Math.floor(((sync.cursor - sync.from) / (sync.head - sync.from)) * 100);
    parts.push(t('offline.syncing', { percent: Math.min(100, Math.max(0, percent)) }));
  }
  if (notice?.kind === 'cache_rebuilt') parts.push(t('offline.cache_rebuilt'));
  if (parts.length === 0) return null;
  return (
    <div className={`offline-banner offline-banner-${status}`} role="status" data-testid="offline-banner">
      <span className="offline-banner-icon" aria-hidden="true">
        {status === 'offline' ? '⚠' : 'ⓘ'}
      </span>
      <span>{parts.join(' · ')}</span>
    </div>
  );
}
