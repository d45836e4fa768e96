import type { AgentBoard } from '../../shared/protocol/supervisor-protocol';
import { useNow } from '../lib/use-now';
import { formatDuration } from './format';
import { useSupervisorLanguage } from './locale-format';
import { useSupervisorT } from './supervisor-i18n';
import { SupervisorTable } from './supervisor-table';

export function AgentTable({ agents, onMonitor }: { agents: AgentBoard[]; onMonitor(agentId: string): void }) {
  const st = useSupervisorT();
  const now = useNow();
  const language = useSupervisorLanguage();
  // People who take contacts: an admin in no queue is not an agent on the floor.
  const floor = agents.filter((a) => a.role !== 'admin' || a.queues.length > 0);
  return (
    <SupervisorTable<AgentBoard>
      headingId="sv-agents"
      title={st('agents.title')}
      testId="agent-table"
      language={language}
      sortHint={st('queues.sortHint')}
      columns={[
        { label: st('agents.agent'), sort: (a) => a.displayName },
        { label: st('agents.state'), sort: (a) => st(`state.${a.state}`) },
        { label: st('agents.timeInState'), sort: (a) => now - a.stateSince },
        { label: st('agents.contacts'), sort: (a) => a.chats + a.calls },
        { label: st('agents.handledToday'), sort: (a) => a.handledToday },
        { label: st('agents.aht'), sort: (a) => a.averageHandleMs },
      ]}
      actionColumn={st('agents.monitor')}
      rows={floor}
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
