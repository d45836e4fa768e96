import type { QueueBoard } from '../../shared/protocol/supervisor-protocol';
import { formatDuration, formatPercent } from './format';
import { useSupervisorT } from './supervisor-i18n';
import { SupervisorTable } from './supervisor-table';

export function QueueTable({ queues }: { queues: QueueBoard[] }) {
  const st = useSupervisorT();
  return (
    <SupervisorTable
      headingId="sv-queues"
      title={st('queues.title')}
      testId="queue-table"
      columns={[
        st('queues.queue'),
        st('queues.waiting'),
        st('queues.longestWait'),
        st('queues.sla'),
        st('queues.asa'),
        st('queues.abandoned'),
        st('queues.available'),
      ]}
      rows={queues}
      empty={st('queues.none')}
      renderRow={(q) => {
        const breached = q.slaPercent !== null && q.slaPercent < q.slaTargetPercent;
        return (
          <tr key={q.queue} data-queue={q.queue}>
            <th scope="row">{q.name}</th>
            <td data-testid="queue-waiting">
              {q.waiting}
              {(q.callbacks ?? 0) > 0 && <small data-testid="queue-callbacks"> {st('queues.callbacks', { count: q.callbacks })}</small>}
            </td>
            <td>{formatDuration(st, q.waiting > 0 ? q.longestWaitMs : null)}</td>
            <td className={breached ? 'supervisor-bad' : undefined}>
              {formatPercent(st, q.slaPercent)}
              <small> {st('queues.slaTarget', { target: Math.round(q.slaTargetPercent), seconds: q.slaSeconds })}</small>
            </td>
            <td>{formatDuration(st, q.averageSpeedOfAnswerMs)}</td>
            <td>
              {q.abandoned} ({formatPercent(st, q.abandonmentPercent)})
            </td>
            <td>{q.availableAgents}</td>
          </tr>
        );
      }}
    />
  );
}
