import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateState } from '../../../shared/contracts/shell-contract';
import { restartToUpdate } from '../../shell/shell-actions';
import { useShellStore } from '../../shell/shell-store';

/** Failures worth the agent's attention; a feed that cannot be reached is retried quietly on the next check. */
const shownProblems = new Set(['tampered', 'install_failed', 'disk']);

const errorKey = (update: UpdateState): string | null =>
  update.status === 'error' && shownProblems.has(update.problem) ? `${update.problem}:${update.version ?? ''}:${update.message}` : null;

/**
 * The desktop shell's software update, in the top bar: download progress, "Restart to update",
 * waiting for calls to end, and a refused download. Shows nothing under the web host.
 */
export function UpdateIndicator() {
  const { t } = useTranslation();
  const present = useShellStore((s) => s.present);
  const update = useShellStore((s) => s.update);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  if (!present || !update) return null;

  const restart = (): void => {
    setAsking(true);
    void restartToUpdate().finally(() => setAsking(false));
  };

  let body: ReactNode = null;
  switch (update.status) {
    case 'downloading': {
      const known = update.total > 0;
      const percent = known ? Math.min(100, Math.floor((update.transferred / update.total) * 100)) : 0;
      body = (
        <>
          <span>{known ? t('update.downloading', { version: update.version, percent }) : t('update.downloading_unknown', { version: update.version })}</span>
          <progress aria-label={t('update.progress_label')} max={known ? update.total : undefined} value={known ? update.transferred : undefined} />
        </>
      );
      break;
    }
    case 'ready':
      body = (
        <>
          <span>{t('update.ready', { version: update.version })}</span>
          <button type="button" onClick={restart} disabled={asking} data-testid="update-restart">
            {t('update.restart')}
          </button>
        </>
      );
      break;
    case 'waiting_for_calls':
      body = <span>{t('update.waiting', { version: update.version, count: update.activeCalls })}</span>;
      break;
    case 'installing':
      body = <span>{t('update.installing', { version: update.version })}</span>;
      break;
    case 'error': {
      const key = errorKey(update);
      if (!key || key === dismissed) return null;
      return (
        <div className="update-indicator update-indicator-error" role="alert" data-testid="update-indicator" data-status="error">
          <span>{t(`update.${update.problem}`)}</span>
          <button type="button" className="secondary" onClick={() => setDismissed(key)}>
            {t('common.dismiss')}
          </button>
        </div>
      );
    }
    default:
      return null;
  }
  return (
    <div className="update-indicator" role="status" aria-label={t('update.region')} data-testid="update-indicator" data-status={update.status}>
      {body}
    </div>
  );
}
