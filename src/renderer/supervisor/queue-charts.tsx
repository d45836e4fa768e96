import { useMemo } from 'react';
import type { QueueBoard } from '../../shared/protocol/supervisor-protocol';
import { EChart, type ChartOption } from './echart';
import { useSupervisorT } from './supervisor-i18n';

/** Waiting contacts over time per queue, and each queue's service level against its target. */
export function QueueCharts({ queues }: { queues: QueueBoard[] }) {
  const st = useSupervisorT();
  const trend = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', minInterval: 1 },
      series: queues.map((q) => ({ type: 'line', name: q.name, showSymbol: false, data: q.trend.map((p) => [p.at, p.waiting]) })),
    }),
    [queues],
  );
  const sla = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: queues.map((q) => q.name) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          type: 'bar',
          name: st('charts.slaSeries'),
          data: queues.map((q) => ({
            value: q.slaPercent === null ? 0 : Math.round(q.slaPercent * 10) / 10,
            itemStyle: { color: q.slaPercent !== null && q.slaPercent < q.slaTargetPercent ? '#d9534f' : '#3c9d5d' },
          })),
        },
        // The target as a dashed line over the bars: a bar below its diamond is a queue in breach.
        { type: 'line', name: st('charts.target'), z: 3, symbol: 'diamond', symbolSize: 10, lineStyle: { type: 'dashed' }, data: queues.map((q) => q.slaTargetPercent) },
      ],
    }),
    [queues, st],
  );
  return (
    <div className="supervisor-charts">
      <figure>
        <figcaption>{st('charts.waitingTrend')}</figcaption>
        <EChart option={trend} label={st('charts.waitingTrendLabel')} testId="chart-waiting-trend" />
      </figure>
      <figure>
        <figcaption>{st('charts.slaByQueue')}</figcaption>
        <EChart option={sla} label={st('charts.slaByQueueLabel')} testId="chart-sla" />
      </figure>
    </div>
  );
}
