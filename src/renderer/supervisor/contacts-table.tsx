import type { LiveContact } from '../../shared/protocol/supervisor-protocol';
import { customerLabel } from '../lib/customer-label';
import { useNow } from '../lib/use-now';
import { formatDuration } from './format';
import { useSupervisorT } from './supervisor-i18n';
import { SupervisorTable } from './supervisor-table';

export function ContactsTable({ contacts, onOpen }: { contacts: LiveContact[]; onOpen(contact: LiveContact): void }) {
  const st = useSupervisorT();
  const now = useNow();
  return (
    <SupervisorTable
      headingId="sv-contacts"
      title={st('contacts.title')}
      testId="contacts-table"
      columns={[
        st('contacts.customer'),
        st('contacts.channel'),
        st('contacts.status'),
        st('contacts.queue'),
        st('contacts.agent'),
        st('contacts.duration'),
        st('contacts.sentiment'),
      ]}
      actionColumn={st('contacts.open')}
      rows={contacts}
      empty={st('contacts.none')}
      renderRow={(c) => {
        const name = customerLabel(c.customerName, c.customerId, (tag) => st('contacts.visitor', { tag }));
        return (
          <tr key={c.conversationId} data-conversation={c.conversationId} data-sentiment={c.sentiment.label}>
            <th scope="row">{name}</th>
            <td>{st(`channel.${c.channel}`)}</td>
            <td>
              {st(`contactStatus.${c.channel === 'voice' && c.status === 'offered' ? 'ringing' : c.status}`)}
              {c.supervisionSessionId && <small> · {st('contacts.supervised')}</small>}
            </td>
            <td>{c.queue}</td>
            <td>{c.assigneeName ?? st('contacts.unassigned')}</td>
            <td>{formatDuration(st, now - (c.status === 'active' ? c.createdAt : (c.queuedAt ?? c.createdAt)))}</td>
            <td className={c.sentiment.label === 'negative' ? 'supervisor-bad' : undefined}>{st(`sentiment.${c.sentiment.label}`)}</td>
            <td>
              <button type="button" className="secondary" onClick={() => onOpen(c)} aria-label={st('contacts.openLabel', { name })}>
                {st('contacts.open')}
              </button>
            </td>
          </tr>
        );
      }}
    />
  );
}
