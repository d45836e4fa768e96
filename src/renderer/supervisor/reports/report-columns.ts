import type { TFunction } from 'i18next';
import type { ReportRow } from '../../../shared/protocol/report-protocol';
import { formatDuration, formatPercent } from '../format';

/** One column of a report table: its header and the text of each cell. The table and its CSV both read these. */
export interface ReportColumn {
  id: string;
  header: string;
  cell(row: ReportRow): string;
}

const CHANNELS = ['widget', 'wechat', 'webhook', 'email', 'sms', 'voice'] as const;

/**
 * The columns of a report table. Agent rows leave out the queue figures (waiting belongs to a queue);
 * `first` names the first column (day, queue or agent).
 */
export function reportColumns(st: TFunction, first: 'day' | 'queue' | 'agent', label: (row: ReportRow) => string): ReportColumn[] {
  const pct = (v: number | null) => formatPercent(st, v);
  const columns: ReportColumn[] = [
    { id: first, header: st(`reports.col.${first}`), cell: label },
    { id: 'contacts', header: st('reports.col.contacts'), cell: (r) => String(r.contacts) },
    {
      id: 'channels',
      header: st('reports.col.channels'),
      cell: (r) =>
        CHANNELS.filter((c) => (r.byChannel[c] ?? 0) > 0)
          .map((c) => `${st(`channel.${c}`)} ${r.byChannel[c]}`)
          .join(' · ') || st('none'),
    },
    { id: 'serviceLevel', header: st('reports.col.serviceLevel'), cell: (r) => pct(r.serviceLevelPercent) },
    { id: 'asa', header: st('reports.col.asa'), cell: (r) => formatDuration(st, r.averageSpeedOfAnswerMs) },
    { id: 'abandoned', header: st('reports.col.abandoned'), cell: (r) => `${r.abandoned} (${pct(r.abandonmentPercent)})` },
    { id: 'aht', header: st('reports.col.aht'), cell: (r) => formatDuration(st, r.averageHandleMs) },
    { id: 'fcr', header: st('reports.col.fcr'), cell: (r) => pct(r.fcrPercent) },
    { id: 'csat', header: st('reports.col.csat'), cell: (r) => (r.rated === 0 ? st('none') : st('reports.csatValue', { percent: pct(r.csatPercent), count: r.rated })) },
    { id: 'sentiment', header: st('reports.col.sentiment'), cell: (r) => `${r.sentiment.negative} / ${r.sentiment.neutral} / ${r.sentiment.positive}` },
    { id: 'bot', header: st('reports.col.bot'), cell: (r) => pct(r.botResolvedPercent) },
  ];
  return first === 'agent' ? columns.filter((c) => !['serviceLevel', 'asa', 'abandoned'].includes(c.id)) : columns;
}
