import type { LiveContact } from '../../shared/protocol/supervisor-protocol';
import { useNow } from '../lib/use-now';
import { formatDuration } from './format';
import { useSupervisorT } from './supervisor-i18n';

export function ContactsTable({ contacts, onOpen }: { contacts: LiveContact[]; onOpen(contact: LiveContact): void }) {
  const st = useSupervisorT();
  const now = useNow();
  return (
    <section aria-labelledby="sv-contacts">
      <h3 id="sv-contacts">{st('contacts.title')}</h3>
      <table className="supervisor-table" data-testid="contacts-table">
        <thead>
          <tr>
            <th scope="col">{st('contacts.customer')}</th>
            <th scope="col">{st('contacts.channel')}</th>
            <th scope="col">{st('contacts.status')}</th>
            <th scope="col">{st('contacts.queue')}</th>
            <th scope="col">{st('contacts.agent')}</th>
            <th scope="col">{st('contacts.duration')}</th>
            <th scope="col">{st('contacts.sentiment')}</th>
            <th scope="col">
              <span className="visually-hidden">{st('contacts.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.length === 0 && (
            <tr>
              <td colSpan={8}>{st('contacts.none')}</td>
            </tr>
          )}
          {contacts.map((c) => (
            <tr key={c.conversationId} data-conversation={c.conversationId} data-sentiment={c.sentiment.label}>
              <th scope="row">{c.customerName}</th>
              <td>{st(`channel.${c.channel}`)}</td>
              <td>
                {st(`contactStatus.${c.status}`)}
                {c.supervisionSessionId && <small> · {st('contacts.supervised')}</small>}
              </td>
              <td>{c.queue}</td>
              <td>{c.assigneeName ?? st('contacts.unassigned')}</td>
              <td>{formatDuration(st, now - (c.status === 'active' ? c.createdAt : (c.queuedAt ?? c.createdAt)))}</td>
              <td className={c.sentiment.label === 'negative' ? 'supervisor-bad' : undefined}>{st(`sentiment.${c.sentiment.label}`)}</td>
              <td>
                <button type="button" className="secondary" onClick={() => onOpen(c)} aria-label={st('contacts.openLabel', { name: c.customerName })}>
                  {st('contacts.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
