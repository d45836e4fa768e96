import { useMemo } from 'react';
import type { QueueBoard } from '../../shared/protocol/supervisor-protocol';
import { EChart, type ChartOption } from './echart';
import { formatClock, queueLabel, useSupervisorLanguage } from './locale-format';
import { useSupervisorT } from './supervisor-i18n';
import { useThemeColors, type ThemeColors } from './theme-colors';

/** Legend, axes and grid lines in the theme's text and border colours: readable in light and dark. */
function themed(colors: ThemeColors): ChartOption {
  const axis = { axisLabel: { color: colors.text }, axisLine: { lineStyle: { color: colors.muted } }, splitLine: { lineStyle: { color: colors.border } } };
  return {
    textStyle: { color: colors.text },
    legend: { top: 0, textStyle: { color: colors.text }, inactiveColor: colors.muted },
    tooltip: { trigger: 'axis', backgroundColor: colors.panel, borderColor: colors.border, textStyle: { color: colors.text } },
    grid: { left: 40, right: 16, top: 32, bottom: 24 },
    xAxis: axis,
    yAxis: axis,
  };
}

/** Waiting contacts over time per queue, and each queue's service level against its target. */
export function QueueCharts({ queues }: { queues: QueueBoard[] }) {
  const st = useSupervisorT();
  const language = useSupervisorLanguage();
  const colors = useThemeColors();
  const locale = language.startsWith('zh') ? 'ZH' : 'EN';
  const trend = useMemo<ChartOption>(() => {
    const base = themed(colors);
    return {
      ...base,
      xAxis: { ...(base.xAxis as object), type: 'time', axisLabel: { color: colors.text, formatter: (at: number) => formatClock(language, at, false) } },
      yAxis: { ...(base.yAxis as object), type: 'value', minInterval: 1 },
      series: queues.map((q) => ({ type: 'line', name: queueLabel(st, q.queue, q.name), showSymbol: false, data: q.trend.map((p) => [p.at, p.waiting]) })),
    };
  }, [queues, st, colors, language]);
  const sla = useMemo<ChartOption>(() => {
    const base = themed(colors);
    return {
      ...base,
      xAxis: { ...(base.xAxis as object), type: 'category', data: queues.map((q) => queueLabel(st, q.queue, q.name)) },
      yAxis: { ...(base.yAxis as object), type: 'value', min: 0, max: 100 },
      series: [
        {
          type: 'bar',
          name: st('charts.slaSeries'),
          itemStyle: { color: colors.ok },
          data: queues.map((q) => ({
            value: q.slaPercent === null ? 0 : Math.round(q.slaPercent * 10) / 10,
            itemStyle: { color: q.slaPercent !== null && q.slaPercent < q.slaTargetPercent ? colors.danger : colors.ok },
          })),
        },
        // The target as a dashed line over the bars: a bar below its diamond is a queue in breach.
        {
          type: 'line', name: st('charts.target'), z: 3, symbol: 'diamond', symbolSize: 10,
          itemStyle: { color: colors.text }, lineStyle: { type: 'dashed', color: colors.text },
          data: queues.map((q) => q.slaTargetPercent),
        },
      ],
    };
  }, [queues, st, colors]);
  return (
    <div className="supervisor-charts">
      <figure>
        <figcaption>{st('charts.waitingTrend')}</figcaption>
        <EChart option={trend} label={st('charts.waitingTrendLabel')} testId="chart-waiting-trend" locale={locale} textColor={colors.text} />
      </figure>
      <figure>
        <figcaption>{st('charts.slaByQueue')}</figcaption>
        <EChart option={sla} label={st('charts.slaByQueueLabel')} testId="chart-sla" locale={locale} textColor={colors.text} />
      </figure>
    </div>
  );
}
