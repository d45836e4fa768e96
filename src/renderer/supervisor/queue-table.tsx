import type { QueueBoard } from '../../shared/protocol/supervisor-protocol';
import { formatDuration, formatPercent } from './format';
import { queueLabel, useSupervisorLanguage } from './locale-format';
import { useSupervisorT } from './supervisor-i18n';
import { SupervisorTable } from './supervisor-table';

export function QueueTable({ queues }: { queues: QueueBoard[] }) {
  const st = useSupervisorT();
  const language = useSupervisorLanguage();
  return (
    <>
      <SupervisorTable<QueueBoard>
        headingId="sv-queues"
        title={st('queues.title')}
        testId="queue-table"
        language={language}
        sortHint={st('queues.sortHint')}
        columns={[
          { label: st('queues.queue'), sort: (q) => queueLabel(st, q.queue, q.name) },
          { label: st('queues.waiting'), sort: (q) => q.waiting },
          { label: st('queues.longestWait'), sort: (q) => (q.waiting > 0 ? q.longestWaitMs : null) },
          { label: st('queues.sla'), sort: (q) => q.slaPercent },
          { label: st('queues.asa'), sort: (q) => q.averageSpeedOfAnswerMs },
          { label: st('queues.abandoned'), sort: (q) => q.abandoned },
          { label: st('queues.available'), sort: (q) => q.availableAgents },
          { label: st('queues.csat'), sort: (q) => q.csatTodayPercent ?? null },
        ]}
        rows={queues}
        empty={st('queues.none')}
        renderRow={(q) => {
          const breached = q.slaPercent !== null && q.slaPercent < q.slaTargetPercent;
          return (
            <tr key={q.queue} data-queue={q.queue} data-sla={q.slaPercent ?? ''}>
              <th scope="row">{queueLabel(st, q.queue, q.name)}</th>
              <td data-testid="queue-waiting">
                {q.waiting}
                {(q.callbacks ?? 0) > 0 && <small data-testid="queue-callbacks"> {st('queues.callbacks', { n: q.callbacks })}</small>}
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
              <td data-testid="queue-csat">{q.ratedToday ? st('reports.csatValue', { percent: formatPercent(st, q.csatTodayPercent ?? null), count: q.ratedToday }) : st('none')}</td>
            </tr>
          );
        }}
      />
      <p className="supervisor-legend" data-testid="sla-legend">
        {st('queues.slaLegend')}
      </p>
    </>
  );
}
