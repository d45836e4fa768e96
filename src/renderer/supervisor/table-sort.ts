/** What a sortable column sorts by: a number, a text (compared by the reader's locale), or nothing (last). */
export type SortValue = number | string | null;
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  column: number;
  direction: SortDirection;
}

/**
 * The rows in the order the header asks for; stable, with empty values last either way.
 * Texts compare with the reader's collation (pinyin order for zh-CN, for instance).
 */
export function sortRows<Row>(rows: readonly Row[], value: (row: Row) => SortValue, direction: SortDirection, language: string): Row[] {
  const collator = new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
      const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map((x) => x.row);
}

/** Pressing a column's header: sorts by it ascending, and flips direction when it already sorts. */
export function nextSort(current: SortState | null, column: number): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}
