import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { answer, reject } from '../../store/phone-actions';
import { useAppStore } from '../../store/app-store';
import { report } from '../../store/report';
import { CallerSummary } from './caller-summary';

/** A ringing call: announced, reachable by Tab, never stealing focus from what the agent types. */
export function IncomingCalls() {
  const { t } = useTranslation();
  const ringing = useAppStore(useShallow((s) => s.phoneCalls.filter((c) => c.direction === 'inbound' && c.state === 'ringing')));
  if (ringing.length === 0) return null;
  return (
    <section className="toasts call-toasts" aria-live="assertive" aria-label={t('phone.incoming_region')}>
      {ringing.map((call) => (
        <div key={call.id} className="toast" role="group" aria-labelledby={`ring-${call.id}`} data-testid="incoming-call">
          <strong id={`ring-${call.id}`}>{t('phone.incoming', { who: call.remoteDisplayName ?? call.remoteUser })}</strong>
          <CallerSummary call={call} />
          <div className="actions">
            <button type="button" onClick={() => void answer(call.id).then(report)} data-testid="call-accept">
              {t('phone.accept')}
            </button>
            <button type="button" className="secondary" onClick={() => void reject(call.id).then(report)} data-testid="call-reject">
              {t('phone.reject')}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
