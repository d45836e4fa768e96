import type { AgentBoard } from '../../shared/protocol/supervisor-protocol';
import { useNow } from '../lib/use-now';
import { formatDuration } from './format';
import { useSupervisorT } from './supervisor-i18n';
import { SupervisorTable } from './supervisor-table';

export function AgentTable({ agents, onMonitor }: { agents: AgentBoard[]; onMonitor(agentId: string): void }) {
  const st = useSupervisorT();
  const now = useNow();
  return (
    <SupervisorTable
      headingId="sv-agents"
      title={st('agents.title')}
      testId="agent-table"
      columns={[
        st('agents.agent'),
        st('agents.state'),
        st('agents.timeInState'),
        st('agents.contacts'),
        st('agents.handledToday'),
        st('agents.aht'),
      ]}
      actionColumn={st('agents.monitor')}
      rows={agents}
      renderRow={(a) => (
        <tr key={a.id} data-agent={a.id}>
          <th scope="row">{a.displayName}</th>
          <td>{st(`state.${a.state}`)}</td>
          <td>{formatDuration(st, now - a.stateSince)}</td>
          <td>{st('agents.contactsValue', { chats: a.chats, calls: a.calls })}</td>
          <td>{a.handledToday}</td>
          <td>{formatDuration(st, a.averageHandleMs)}</td>
          <td>
            {a.calls > 0 && (
              <button type="button" className="secondary" onClick={() => onMonitor(a.id)} aria-label={st('agents.monitorLabel', { name: a.displayName })}>
                {st('agents.monitor')}
              </button>
            )}
          </td>
        </tr>
      )}
    />
  );
}
