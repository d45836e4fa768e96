import type { AgentBoard } from '../../shared/protocol/supervisor-protocol';
import { useNow } from '../lib/use-now';
import { formatDuration } from './format';
import { useSupervisorT } from './supervisor-i18n';

export function AgentTable({ agents, onMonitor }: { agents: AgentBoard[]; onMonitor(agentId: string): void }) {
  const st = useSupervisorT();
  const now = useNow();
  return (
    <section aria-labelledby="sv-agents">
      <h3 id="sv-agents">{st('agents.title')}</h3>
      <table className="supervisor-table" data-testid="agent-table">
        <thead>
          <tr>
            <th scope="col">{st('agents.agent')}</th>
            <th scope="col">{st('agents.state')}</th>
            <th scope="col">{st('agents.timeInState')}</th>
            <th scope="col">{st('agents.contacts')}</th>
            <th scope="col">{st('agents.handledToday')}</th>
            <th scope="col">{st('agents.aht')}</th>
            <th scope="col">
              <span className="visually-hidden">{st('agents.monitor')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
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
          ))}
        </tbody>
      </table>
    </section>
  );
}
