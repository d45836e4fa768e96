import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../shared/domain/call';
import { useNow } from '../../lib/use-now';
import { callSeconds, formatCallDuration } from './call-duration';

/** Missed, or how long the call lasted (counting while it lasts); clocks tick only for a live call. */
function LiveDuration({ call }: { call: CallRecord }) {
  const { t } = useTranslation();
  const seconds = callSeconds(call, useNow()) ?? 0;
  return <span data-testid="call-duration">{t('callRecord.ongoing', { duration: formatCallDuration(seconds) })}</span>;
}

export function CallSummary({ call }: { call: CallRecord }) {
  const { t } = useTranslation();
  if (call.missed) {
    return (
      <span className="missed-call" data-testid="missed-call">
        {t('callRecord.missed')}
      </span>
    );
  }
  if (call.answeredAt === null) return null;
  if (call.endedAt === null) return <LiveDuration call={call} />;
  return <span data-testid="call-duration">{t('callRecord.duration', { duration: formatCallDuration(callSeconds(call, call.endedAt) ?? 0) })}</span>;
}
