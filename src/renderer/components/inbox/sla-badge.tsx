import { useTranslation } from 'react-i18next';
import { formatCountdown, secondsLeft } from '../../lib/sla-policy';
import { useNow } from '../../lib/use-now';

/** Under this many seconds left the SLA badge turns to a warning. */
const SLA_WARNING_SECONDS = 30;

/** A row's response clock: time left, or how long past the target, in words a glance can read. */
export function SlaBadge({ dueAt }: { dueAt: number }) {
  const { t } = useTranslation();
  const left = secondsLeft(dueAt, useNow());
  const level = left < 0 ? 'breached' : left < SLA_WARNING_SECONDS ? 'warning' : 'ok';
  return (
    <span className={`sla sla-${level}`} title={t(`inbox.sla_${level}`)} data-testid="sla" data-level={level}>
      {level === 'breached' ? (
        // Past the target the badge says so in words ("Overdue 5:25"), not with a minus sign.
        t('inbox.sla_overdue', { time: formatCountdown(-left) })
      ) : (
        <>
          <span className="visually-hidden">{t(`inbox.sla_${level}`)} </span>
          {formatCountdown(left)}
        </>
      )}
    </span>
  );
}
