import { useMemo } from 'react';
import type { ReportRow } from '../../../shared/protocol/report-protocol';
import { EChart, type ChartOption } from '../echart';
import { useSupervisorLanguage } from '../locale-format';
import { useSupervisorT } from '../supervisor-i18n';
import { useThemeColors } from '../theme-colors';

const CHANNELS = ['widget', 'wechat', 'webhook', 'email', 'sms', 'voice'] as const;

/** Contacts per day by channel, and service level, FCR and CSAT per day: the by-day table drawn. */
export function ReportCharts({ days }: { days: ReportRow[] }) {
  const st = useSupervisorT();
  const language = useSupervisorLanguage();
  const colors = useThemeColors();
  const locale = language.startsWith('zh') ? 'ZH' : 'EN';
  const axis = useMemo(
    () => ({ axisLabel: { color: colors.text }, axisLine: { lineStyle: { color: colors.muted } }, splitLine: { lineStyle: { color: colors.border } } }),
    [colors],
  );
  const base = useMemo<ChartOption>(
    () => ({
      textStyle: { color: colors.text },
      legend: { top: 0, textStyle: { color: colors.text }, inactiveColor: colors.muted },
      tooltip: { trigger: 'axis', backgroundColor: colors.panel, borderColor: colors.border, textStyle: { color: colors.text } },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
    }),
    [colors],
  );
  const contacts = useMemo<ChartOption>(() => {
    const used = CHANNELS.filter((c) => days.some((d) => (d.byChannel[c] ?? 0) > 0));
    return {
      ...base,
      xAxis: { ...axis, type: 'category', data: days.map((d) => d.key) },
      yAxis: { ...axis, type: 'value', minInterval: 1 },
      series: used.map((c) => ({ type: 'bar', stack: 'contacts', name: st(`channel.${c}`), data: days.map((d) => d.byChannel[c] ?? 0) })),
    };
  }, [days, st, base, axis]);
  const kpis = useMemo<ChartOption>(
    () => ({
      ...base,
      xAxis: { ...axis, type: 'category', data: days.map((d) => d.key) },
      yAxis: { ...axis, type: 'value', min: 0, max: 100 },
      series: [
        { type: 'line', name: st('reports.col.serviceLevel'), connectNulls: false, data: days.map((d) => d.serviceLevelPercent) },
        { type: 'line', name: st('reports.col.fcr'), connectNulls: false, data: days.map((d) => d.fcrPercent) },
        { type: 'line', name: st('reports.col.csat'), connectNulls: false, data: days.map((d) => d.csatPercent) },
      ],
    }),
    [days, st, base, axis],
  );
  return (
    <div className="supervisor-charts">
      <figure>
        <figcaption>{st('reports.chartContacts')}</figcaption>
        <EChart option={contacts} label={st('reports.chartContactsLabel')} testId="report-chart-contacts" locale={locale} textColor={colors.text} />
      </figure>
      <figure>
        <figcaption>{st('reports.chartKpis')}</figcaption>
        <EChart option={kpis} label={st('reports.chartKpisLabel')} testId="report-chart-kpis" locale={locale} textColor={colors.text} />
      </figure>
    </div>
  );
}
