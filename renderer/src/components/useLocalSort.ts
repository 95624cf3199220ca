/**
 * Sorting for a DataGrid whose few rows are already in memory (a `local`
 * source): the grid shows the sort and asks for a new one, this sorts. Only the
 * columns given a comparison are sortable: mark the others `enableSorting:
 * false`. Until a header is clicked the rows keep the order main gave them.
 */
import { useMemo, useState } from 'react';
import type { GridSort } from './DataGrid';

export function useLocalSort<T>(rows: readonly T[], compare: Readonly<Record<string, (a: T, b: T) => number>>) {
  const [sort, setSort] = useState<GridSort | null>(null);
  const sorted = useMemo(() => {
    const by = sort ? compare[sort.id] : undefined;
    if (!sort || !by) return rows;
    return [...rows].sort((a, b) => (sort.desc ? by(b, a) : by(a, b)));
  }, [rows, sort, compare]);
  return { rows: sorted, sort, onSortChange: setSort };
}
