import { useState, type FormEvent } from 'react';
import type { Report } from '../../../shared/protocol/report-protocol';
import type { AppError } from '../../../shared/result';
import { queueLabel } from '../locale-format';
import type { SupervisorClient } from '../supervisor-actions';
import { useSupervisorT } from '../supervisor-i18n';
import { useSupervisorStore } from '../supervisor-store';
import { reportColumns } from './report-columns';
import { ReportCharts } from './report-charts';
import { ReportTable } from './report-table';
import './reports.css';

const ZONES = ['Asia/Shanghai', 'Asia/Taipei', 'Asia/Hong_Kong', 'UTC', 'Europe/London', 'America/New_York'];
const localDate = (at: number): string => {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The Reports tab: a range, a time zone and a queue; charts and three tables (day, queue, agent), each exportable as CSV. */
export function ReportsTab({ client }: { client: SupervisorClient }) {
  const st = useSupervisorT();
  const queues = useSupervisorStore((s) => s.wallboard?.queues);
  const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [from, setFrom] = useState(() => localDate(Date.now() - 6 * 86_400_000));
  const [to, setTo] = useState(() => localDate(Date.now()));
  const [timeZone, setTimeZone] = useState(ownZone);
  const [queue, setQueue] = useState('');
  const [fcrDays, setFcrDays] = useState(7);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (to < from) {
      setError({ code: 'invalid_argument', message: st('reports.badRange') });
      return;
    }
    setRunning(true);
    setError(null);
    const result = await client.runReport({ from, to, timeZone, queue: queue || null, fcrDays });
    setRunning(false);
    if (result.ok) setReport(result.value);
    else setError(result.error.code === 'invalid_argument' ? { ...result.error, message: st('reports.badRange') } : result.error);
  };

  const queueName = (id: string, name: string) => queueLabel(st, id, name);
  const fileName = (what: string) => (report ? `report-${what}-${report.from}-${report.to}.csv` : `report-${what}.csv`);
  return (
    <section aria-labelledby="sv-reports" className="supervisor-reports" data-testid="reports-tab">
      <h3 id="sv-reports">{st('reports.title')}</h3>
      <form className="report-form" onSubmit={(e) => void run(e)} data-testid="report-form">
        <label>
          {st('reports.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="report-from" />
        </label>
        <label>
          {st('reports.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="report-to" />
        </label>
        <label>
          {st('reports.timeZone')}
          <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)} data-testid="report-zone">
            {[...new Set([ownZone, ...ZONES])].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <label>
          {st('reports.queue')}
          <select value={queue} onChange={(e) => setQueue(e.target.value)} data-testid="report-queue">
            <option value="">{st('reports.allQueues')}</option>
            {(queues ?? []).map((q) => (
              <option key={q.queue} value={q.queue}>
                {queueName(q.queue, q.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {st('reports.fcrDays')}
          <input type="number" min={1} max={90} value={fcrDays} onChange={(e) => setFcrDays(Math.min(90, Math.max(1, Number(e.target.value) || 7)))} data-testid="report-fcr-days" />
        </label>
        <button type="submit" disabled={running} data-testid="report-run">
          {st('reports.run')}
        </button>
      </form>
      <p role="status" className="report-status">
        {running ? st('reports.running') : report ? st('reports.generated', { from: report.from, to: report.to, zone: report.timeZone, days: report.fcrDays }) : st('reports.empty')}
      </p>
      {error && (
        <p role="alert" className="supervisor-error" data-testid="report-error">
          {error.message}
        </p>
      )}
      {report && (
        <>
          <ReportCharts days={report.days} />
          <ReportTable id="report-days" title={st('reports.byDay')} columns={reportColumns(st, 'day', (r) => (r.key === 'total' ? st('reports.total') : r.label))} rows={report.days} total={report.total} fileName={fileName('days')} />
          <ReportTable
            id="report-queues"
            title={st('reports.byQueue')}
            columns={reportColumns(st, 'queue', (r) => queueName(r.key, r.label))}
            rows={report.queues}
            total={null}
            fileName={fileName('queues')}
          />
          <ReportTable id="report-agents" title={st('reports.byAgent')} columns={reportColumns(st, 'agent', (r) => r.label)} rows={report.agents} total={null} fileName={fileName('agents')} />
          <p className="muted">{st('reports.botNote')}</p>
        </>
      )}
    </section>
  );
}
