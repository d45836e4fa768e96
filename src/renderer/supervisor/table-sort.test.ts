import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './table-sort';

describe('sortRows', () => {
  const rows = [
    { name: 'b', n: 2 },
    { name: 'A', n: null },
    { name: 'c', n: 10 },
    { name: 'a2', n: 1 },
  ];
  it('sorts numbers as numbers, both ways, with empty values last either way', () => {
    expect(sortRows(rows, (r) => r.n, 'ascending', 'en').map((r) => r.n)).toEqual([1, 2, 10, null]);
    expect(sortRows(rows, (r) => r.n, 'descending', 'en').map((r) => r.n)).toEqual([10, 2, 1, null]);
  });
  it('sorts text by the reader’s collation, case-insensitively, keeping ties in order', () => {
    expect(sortRows(rows, (r) => r.name, 'ascending', 'en').map((r) => r.name)).toEqual(['A', 'a2', 'b', 'c']);
    const ties = [{ k: 'x', i: 1 }, { k: 'x', i: 2 }];
    expect(sortRows(ties, (r) => r.k, 'descending', 'en').map((r) => r.i)).toEqual([1, 2]);
  });
});

describe('nextSort', () => {
  it('starts ascending and flips on the same column', () => {
    expect(nextSort(null, 2)).toEqual({ column: 2, direction: 'ascending' });
    expect(nextSort({ column: 2, direction: 'ascending' }, 2)).toEqual({ column: 2, direction: 'descending' });
    expect(nextSort({ column: 2, direction: 'descending' }, 1)).toEqual({ column: 1, direction: 'ascending' });
  });
});
