import type { ReactNode } from 'react';

interface SupervisorTableProps<Row> {
  /** Id of the section's heading, which names the section for assistive technology. */
  headingId: string;
  title: string;
  testId: string;
  /** Header text of each data column; the first column holds each row's header cell. */
  columns: string[];
  /** Names the column of per-row buttons: read by screen readers, not shown. Without it, no such column. */
  actionColumn?: string;
  rows: Row[];
  /** One `<tr>` with its own key. */
  renderRow(row: Row): ReactNode;
  /** Shown across the table while there are no rows; without it an empty table shows only its header. */
  empty?: string;
}

/** The console's wallboard tables: a titled section, one header row, a row per item. */
export function SupervisorTable<Row>({ headingId, title, testId, columns, actionColumn, rows, renderRow, empty }: SupervisorTableProps<Row>) {
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <table className="supervisor-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((label, index) => (
              // Columns are fixed per table; two translations may read the same, so the position is the key.
              <th key={index} scope="col">
                {label}
              </th>
            ))}
            {actionColumn !== undefined && (
              <th scope="col">
                <span className="visually-hidden">{actionColumn}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty !== undefined && (
            <tr>
              <td colSpan={columns.length + (actionColumn === undefined ? 0 : 1)}>{empty}</td>
            </tr>
          )}
          {rows.map(renderRow)}
        </tbody>
      </table>
    </section>
  );
}
