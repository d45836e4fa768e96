import { useMemo, useState, type ReactNode } from 'react';
import { nextSort, sortRows, type SortState, type SortValue } from './table-sort';

/** A data column: its header text, and what its cells sort by when the header is pressed. */
export interface TableColumn<Row> {
  label: string;
  sort?: (row: Row) => SortValue;
}

interface SupervisorTableProps<Row> {
  /** Id of the section's heading, which names the section for assistive technology. */
  headingId: string;
  title: string;
  testId: string;
  /** Each data column, a plain header text or a sortable column; the first column holds each row's header cell. */
  columns: Array<string | TableColumn<Row>>;
  /** Names the column of per-row buttons: read by screen readers, not shown. Without it, no such column. */
  actionColumn?: string;
  rows: Row[];
  /** One `<tr>` with its own key. */
  renderRow(row: Row): ReactNode;
  /** Shown across the table while there are no rows; without it an empty table shows only its header. */
  empty?: string;
  /** The reader's language, for sorting text (collation). */
  language?: string;
  /** Read aloud after a sortable header's text, e.g. "sort". */
  sortHint?: string;
}

/**
 * The console's wallboard tables: a titled section, one header row, a row per item. A sortable
 * column's header is a button (Enter or Space sorts; again reverses) and says its order with aria-sort.
 */
export function SupervisorTable<Row>({ headingId, title, testId, columns, actionColumn, rows, renderRow, empty, language = 'en', sortHint }: SupervisorTableProps<Row>) {
  const [sort, setSort] = useState<SortState | null>(null);
  const cols = columns.map((c): TableColumn<Row> => (typeof c === 'string' ? { label: c } : c));
  const sortBy = sort ? cols[sort.column]?.sort : undefined;
  const shown = useMemo(() => (sort && sortBy ? sortRows(rows, sortBy, sort.direction, language) : rows), [rows, sort, sortBy, language]);
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <table className="supervisor-table" data-testid={testId}>
        <thead>
          <tr>
            {cols.map((column, index) => {
              const direction = sort?.column === index ? sort.direction : undefined;
              // Columns are fixed per table; two translations may read the same, so the position is the key.
              return column.sort ? (
                <th key={index} scope="col" aria-sort={direction ?? 'none'}>
                  <button type="button" className="supervisor-sort" onClick={() => setSort((s) => nextSort(s, index))}>
                    {column.label}
                    {sortHint && <span className="visually-hidden">, {sortHint}</span>}
                    <span aria-hidden="true" className="supervisor-sort-mark">
                      {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              ) : (
                <th key={index} scope="col">
                  {column.label}
                </th>
              );
            })}
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
              <td colSpan={cols.length + (actionColumn === undefined ? 0 : 1)}>{empty}</td>
            </tr>
          )}
          {shown.map(renderRow)}
        </tbody>
      </table>
    </section>
  );
}
