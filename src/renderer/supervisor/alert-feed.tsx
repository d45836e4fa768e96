import type { SupervisorAlert } from '../../shared/protocol/supervisor-protocol';
import { formatClock, useSupervisorLanguage } from './locale-format';
import { useSupervisorT } from './supervisor-i18n';

interface AlertFeedProps {
  alerts: SupervisorAlert[];
  /** The queue's name in the reader's language. */
  queueName(id: string): string;
  /** The customer of a contact still on the board, else null. */
  customerName(conversationId: string): string | null;
  onOpen(alert: SupervisorAlert): void;
  onAcknowledge(alertId: string): void;
}

/** Newest first; the headline names the customer or the queue; a contact alert opens its contact, every alert can be acknowledged by keyboard. */
export function AlertFeed({ alerts, queueName, customerName, onOpen, onAcknowledge }: AlertFeedProps) {
  const st = useSupervisorT();
  const language = useSupervisorLanguage();
  return (
    <section aria-labelledby="sv-alerts" className="supervisor-alerts">
      <h3 id="sv-alerts">{st('alerts.title')}</h3>
      {alerts.length === 0 && <p>{st('alerts.none')}</p>}
      <ul data-testid="alert-feed" aria-live="polite">
        {alerts.map((a) => {
          const said = a.detail ? ` — ${st('alerts.said', { words: a.detail })}` : '';
          const who = a.conversationId ? customerName(a.conversationId) : null;
          const where = a.queue ? st('alerts.inQueue', { queue: queueName(a.queue) }) : null;
          const what = [st(`alerts.${a.kind}`), who, where].filter(Boolean).join(' · ') + ` — ${st(`alerts.reason.${a.reason}`, { defaultValue: a.reason })}${said}`;
          return (
            <li key={a.id} data-alert={a.id} data-kind={a.kind} className={a.acknowledgedBy ? 'acknowledged' : 'open'}>
              {a.conversationId ? (
                <button type="button" className="link" onClick={() => onOpen(a)} aria-label={st('alerts.openLabel', { what })}>
                  {what}
                </button>
              ) : (
                <span>{what}</span>
              )}
              <time dateTime={new Date(a.at).toISOString()}> {formatClock(language, a.at)}</time>
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
