import type { LiveContact, QueueBoard } from '../../shared/protocol/supervisor-protocol';
import { customerLabel } from '../lib/customer-label';
import { useNow } from '../lib/use-now';
import { formatDuration } from './format';
import { queueLabel, useSupervisorLanguage } from './locale-format';
import { useSupervisorT } from './supervisor-i18n';
import { SupervisorTable } from './supervisor-table';

const waitedSince = (c: LiveContact): number => (c.status === 'active' ? c.createdAt : (c.queuedAt ?? c.createdAt));

export function ContactsTable({ contacts, queues, onOpen }: { contacts: LiveContact[]; queues: QueueBoard[]; onOpen(contact: LiveContact): void }) {
  const st = useSupervisorT();
  const now = useNow();
  const language = useSupervisorLanguage();
  const queueName = (id: string) => queueLabel(st, id, queues.find((q) => q.queue === id)?.name);
  const name = (c: LiveContact) => customerLabel(c.customerName, c.customerId, (tag) => st('contacts.visitor', { tag }));
  return (
    <SupervisorTable<LiveContact>
      headingId="sv-contacts"
      title={st('contacts.title')}
      testId="contacts-table"
      language={language}
      sortHint={st('queues.sortHint')}
      columns={[
        { label: st('contacts.customer'), sort: name },
        { label: st('contacts.channel'), sort: (c) => st(`channel.${c.channel}`) },
        { label: st('contacts.status'), sort: (c) => st(`contactStatus.${c.status}`) },
        { label: st('contacts.queue'), sort: (c) => queueName(c.queue) },
        { label: st('contacts.agent'), sort: (c) => c.assigneeName },
        { label: st('contacts.duration'), sort: (c) => now - waitedSince(c) },
        { label: st('contacts.sentiment'), sort: (c) => c.sentiment.level },
      ]}
      actionColumn={st('contacts.open')}
      rows={contacts}
      empty={st('contacts.none')}
      renderRow={(c) => {
        const label = name(c);
        return (
          <tr key={c.conversationId} data-conversation={c.conversationId} data-sentiment={c.sentiment.label}>
            <th scope="row">{label}</th>
            <td>{st(`channel.${c.channel}`)}</td>
            <td>
              {st(`contactStatus.${c.channel === 'voice' && c.status === 'offered' ? 'ringing' : c.status}`)}
              {c.supervisionSessionId && <small> · {st('contacts.supervised')}</small>}
            </td>
            <td>{queueName(c.queue)}</td>
            <td>{c.assigneeName ?? st('contacts.unassigned')}</td>
            <td>{formatDuration(st, now - waitedSince(c))}</td>
            <td className={c.sentiment.label === 'negative' ? 'supervisor-bad' : undefined}>{st(`sentiment.${c.sentiment.label}`)}</td>
            <td>
              <button type="button" className="secondary" onClick={() => onOpen(c)} aria-label={st('contacts.openLabel', { name: label })}>
                {st('contacts.open')}
              </button>
            </td>
          </tr>
        );
      }}
    />
  );
}
