import type { QueueBoard } from '../../shared/protocol/supervisor-protocol';
import { formatDuration, formatPercent } from './format';
import { useSupervisorT } from './supervisor-i18n';

export function QueueTable({ queues }: { queues: QueueBoard[] }) {
  const st = useSupervisorT();
  return (
    <section aria-labelledby="sv-queues">
      <h3 id="sv-queues">{st('queues.title')}</h3>
      <table className="supervisor-table" data-testid="queue-table">
        <thead>
          <tr>
            <th scope="col">{st('queues.queue')}</th>
            <th scope="col">{st('queues.waiting')}</th>
            <th scope="col">{st('queues.longestWait')}</th>
            <th scope="col">{st('queues.sla')}</th>
            <th scope="col">{st('queues.asa')}</th>
            <th scope="col">{st('queues.abandoned')}</th>
            <th scope="col">{st('queues.available')}</th>
          </tr>
        </thead>
        <tbody>
          {queues.length === 0 && (
            <tr>
              <td colSpan={7}>{st('queues.none')}</td>
            </tr>
          )}
          {queues.map((q) => {
            const breached = q.slaPercent !== null && q.slaPercent < q.slaTargetPercent;
            return (
              <tr key={q.queue} data-queue={q.queue}>
                <th scope="row">{q.name}</th>
                <td>{q.waiting}</td>
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
          })}
        </tbody>
      </table>
    </section>
  );
}
