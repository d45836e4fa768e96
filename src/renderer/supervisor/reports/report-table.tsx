import type { ReportRow } from '../../../shared/protocol/report-protocol';
import { useSupervisorT } from '../supervisor-i18n';
import type { ReportColumn } from './report-columns';
import { downloadCsv, toCsv } from './report-csv';

/** One report table (by day, queue or agent) with its total row, and a button that exports exactly these cells. */
export function ReportTable({ id, title, columns, rows, total, fileName }: { id: string; title: string; columns: ReportColumn[]; rows: ReportRow[]; total: ReportRow | null; fileName: string }) {
  const st = useSupervisorT();
  const all = total ? [...rows, total] : rows;
  const cells = all.map((r) => columns.map((c) => c.cell(r)));
  const exportCsv = () => downloadCsv(fileName, toCsv(columns.map((c) => c.header), cells));
  return (
    <section aria-labelledby={`${id}-title`} className="report-section">
      <div className="report-section-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <button type="button" className="secondary" onClick={exportCsv} aria-label={st('reports.exportLabel', { table: title })} data-testid={`${id}-csv`}>
          {st('reports.export')}
        </button>
      </div>
      <table className="supervisor-table" data-testid={id}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{st('reports.noRows')}</td>
            </tr>
          )}
          {cells.map((row, i) => (
            <tr key={all[i]!.key} data-key={all[i]!.key} className={total && i === rows.length ? 'report-total' : undefined}>
              {row.map((text, j) =>
                j === 0 ? (
                  <th key={columns[j]!.id} scope="row">
                    {text}
                  </th>
                ) : (
                  <td key={columns[j]!.id} data-col={columns[j]!.id}>
                    {text}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
