import type { SupervisorAlert } from '../../shared/protocol/supervisor-protocol';
import { useSupervisorT } from './supervisor-i18n';

/** Newest first; a contact alert opens its contact, every alert can be acknowledged by keyboard. */
export function AlertFeed({ alerts, onOpen, onAcknowledge }: { alerts: SupervisorAlert[]; onOpen(alert: SupervisorAlert): void; onAcknowledge(alertId: string): void }) {
  const st = useSupervisorT();
  return (
    <section aria-labelledby="sv-alerts" className="supervisor-alerts">
      <h3 id="sv-alerts">{st('alerts.title')}</h3>
      {alerts.length === 0 && <p>{st('alerts.none')}</p>}
      <ul data-testid="alert-feed" aria-live="polite">
        {alerts.map((a) => {
          const said = a.detail ? ` — ${st('alerts.said', { words: a.detail })}` : '';
          const what = `${st(`alerts.${a.kind}`)} — ${st(`alerts.reason.${a.reason}`, { defaultValue: a.reason })}${said}`;
          return (
            <li key={a.id} data-alert={a.id} data-kind={a.kind} className={a.acknowledgedBy ? 'acknowledged' : 'open'}>
              {a.conversationId ? (
                <button type="button" className="link" onClick={() => onOpen(a)} aria-label={st('alerts.openLabel', { what })}>
                  {what}
                </button>
              ) : (
                <span>
                  {what} · {st('alerts.inQueue', { queue: a.queue ?? '' })}
                </span>
              )}
              <time dateTime={new Date(a.at).toISOString()}> {new Date(a.at).toLocaleTimeString()}</time>
              {a.acknowledgedBy ? (
                <span> · {st('alerts.acknowledged')}</span>
              ) : (
                <button type="button" className="secondary" onClick={() => onAcknowledge(a.id)} aria-label={st('alerts.acknowledgeLabel', { what })}>
                  {st('alerts.acknowledge')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
