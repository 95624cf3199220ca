/**
 * The one data grid of the app: @tanstack/react-table for columns, headers and
 * sorting state; @tanstack/react-virtual so that only the visible rows exist in
 * the DOM. Large lists stay in main: a `remote` source is asked for pages of
 * rows (sorted, filtered and paged in SQL) as they scroll into view; small
 * lists already in memory use a `local` source.
 *
 * The root element carries `data-query` and `data-total` of the rows that are
 * actually painted: they change only in the render that shows those rows.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Button, Empty } from 'antd';
import { zhCN } from '../i18n/zh-CN';
import { errorMessage } from '../api/errors';
import { usePagedRows, type PagedSource } from './usePagedRows';

declare module '@tanstack/react-table' {
  // The type parameters must match react-table's declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    align?: 'left' | 'right' | 'center';
    /** Take the spare width (at least `size`). */
    grow?: boolean;
  }
}

export interface GridSort {
  id: string;
  desc: boolean;
}

export type GridSource<T> = PagedSource<T> | { kind: 'local'; rows: readonly T[] };

export interface DataGridProps<T> {
  columns: ColumnDef<T>[];
  source: GridSource<T>;
  getRowId: (row: T) => string;
  sort?: GridSort | null;
  onSortChange?: (sort: GridSort) => void;
  onRowClick?: (row: T) => void;
  /** Rows whose id is here are highlighted. */
  selectedId?: string | null;
  rowHeight?: number;
  /** Fit the height to the rows (small local lists), up to this many rows. */
  autoHeightRows?: number;
  renderExpanded?: (row: T) => ReactNode;
  /** Let long texts wrap: rows grow to fit and are measured. */
  wrapText?: boolean;
  emptyText?: ReactNode;
  testId?: string;
  /** Data attributes of a row's element (its data-testid, data-status …), for tests and styles. */
  rowAttributes?: (row: T) => Record<`data-${string}`, string | number | undefined>;
  /** Told the total of the painted rows whenever it changes. */
  onTotalChange?: (total: number) => void;
  ariaLabel?: string;
}

const HEADER_HEIGHT = 36;
/** The height an empty grid keeps below its header for antd's simple Empty (image, words and padding). */
const EMPTY_HEIGHT = 140;
const INITIAL_RECT = { width: 1000, height: 600 };

export function DataGrid<T>(props: DataGridProps<T>) {
  const {
    columns, source, getRowId, sort = null, onSortChange, onRowClick, selectedId = null, rowHeight = 34,
    autoHeightRows, renderExpanded, wrapText = false, emptyText, testId, rowAttributes, onTotalChange, ariaLabel,
  } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const remote = usePagedRows(source.kind === 'remote' ? source : null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());

  const local = source.kind === 'local' ? source.rows : null;
  const total = local ? local.length : (remote.shown?.total ?? 0);
  const rowAt = (index: number): T | undefined => (local ? local[index] : remote.rowAt(index));

  // Options the virtualizer memoises on must keep their identity between renders.
  const rowAtRef = useRef(rowAt);
  rowAtRef.current = rowAt;
  const getRowIdRef = useRef(getRowId);
  getRowIdRef.current = getRowId;
  const dataVersion = local ?? remote.shown;
  const getItemKey = useCallback(
    (index: number) => {
      const row = rowAtRef.current(index);
      return row === undefined ? `#${index}` : getRowIdRef.current(row);
    },
    // A new key function (so new keys) whenever the rows behind the indexes change.
    [dataVersion, remote.version],
  );
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: total,
    getScrollElement,
    estimateSize,
    overscan: 6,
    paddingStart: HEADER_HEIGHT,
    initialRect: INITIAL_RECT,
    getItemKey,
  });

  // A new query (not a refresh) starts at the top.
  const shownKey = remote.shown?.key ?? null;
  const previousKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    // Only when not already at the top: writing scrollTop forces a synchronous layout of
    // the whole page, which cost ~12 ms of every filter change while typing at the top.
    if (shownKey !== null && previousKey.current !== null && shownKey !== previousKey.current && (virtualizer.scrollOffset ?? 0) !== 0) {
      virtualizer.scrollToOffset(0);
    }
    previousKey.current = shownKey;
  }, [shownKey, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const { ensureRange } = remote;
  useEffect(() => {
    if (lastIndex >= firstIndex) ensureRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, ensureRange, shownKey, remote.shown?.revision]);

  // react-table sees only the loaded rows of the visible window. The array must
  // keep its identity while nothing changes: a new one makes react-table
  // recompute its row model and reset state, which renders again.
  const windowRows: { index: number; row: T | undefined }[] = items.map((it) => ({ index: it.index, row: rowAt(it.index) }));
  const loadedCount = windowRows.reduce((n, w) => (w.row === undefined ? n : n + 1), 0);
  const data = useMemo(
    () => windowRows.flatMap((w) => (w.row === undefined ? [] : [w.row])),
    // windowRows is derived from exactly these.
    [firstIndex, lastIndex, loadedCount, dataVersion, remote.version],
  );

  const table = useReactTable<T>({
    data,
    columns,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    autoResetPageIndex: false,
    autoResetExpanded: false,
    state: { sorting: sort ? [{ id: sort.id, desc: sort.desc }] : [] },
  });
  const rowsById = new Map(table.getRowModel().rows.map((r) => [r.id, r]));

  const leafColumns = table.getVisibleLeafColumns();
  const template = leafColumns
    .map((c) => (c.columnDef.meta?.grow ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`))
    .join(' ');
  const minWidth = leafColumns.reduce((w, c) => w + c.getSize(), 0);

  // What is painted: only when every visible row is on screen (not a placeholder).
  const complete = local !== null || (remote.shown !== null && (total === 0 || (items.length > 0 && windowRows.every((w) => w.row !== undefined))));
  const painted = useRef<{ query: string; total: number } | null>(null);
  if (complete) painted.current = { query: local ? '' : (remote.shown?.label ?? ''), total };
  const paintedTotal = painted.current?.total ?? null;
  useEffect(() => {
    if (paintedTotal !== null) onTotalChange?.(paintedTotal);
  }, [paintedTotal, onTotalChange]);

  const showEmpty = (local !== null || remote.shown !== null) && total === 0;
  const showLoading = local === null && remote.shown === null && remote.error === null;

  // An empty grid keeps room for its empty state (the icon and its words), never cut to a sliver.
  const autoHeight = autoHeightRows !== undefined
    ? total === 0
      ? HEADER_HEIGHT + 2 + EMPTY_HEIGHT
      : Math.min(virtualizer.getTotalSize(), HEADER_HEIGHT + autoHeightRows * rowHeight) + 2
    : undefined;

  const toggleExpanded = (id: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  return (
    <div
      className={`data-grid${showEmpty ? ' is-empty' : ''}`}
      data-testid={testId}
      data-query={painted.current?.query ?? ''}
      data-total={painted.current ? String(painted.current.total) : ''}
      data-loading={remote.loading ? 'true' : 'false'}
      style={autoHeight !== undefined ? { height: autoHeight, flex: 'none' } : undefined}
    >
      {remote.error !== null && (
        <Alert
          type="error"
          showIcon
          className="data-grid-error"
          title={errorMessage(remote.error)}
          action={<Button size="small" onClick={remote.retry}>{zhCN.common.retry}</Button>}
        />
      )}
      <div className="data-grid-scroll" ref={scrollRef} role="table" aria-label={ariaLabel} aria-rowcount={total + 1}>
        <div className="data-grid-inner" style={{ height: virtualizer.getTotalSize(), minWidth }}>
          {table.getHeaderGroups().map((group) => (
            <div key={group.id} className="data-grid-header" role="row" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT, minWidth }}>
              {group.headers.map((header) => {
                // Sorting happens in main: a column is sortable unless it says otherwise.
                const canSort = onSortChange !== undefined && header.column.columnDef.enableSorting !== false;
                const dir = sort?.id === header.column.id ? (sort.desc ? 'desc' : 'asc') : false;
                const align = header.column.columnDef.meta?.align ?? 'left';
                return (
                  <div
                    key={header.id}
                    role="columnheader"
                    aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
                    className={`data-grid-th align-${align}${canSort ? ' sortable' : ''}${dir ? ' sorted' : ''}`}
                    onClick={canSort ? () => onSortChange({ id: header.column.id, desc: dir === 'asc' }) : undefined}
                    title={canSort ? zhCN.grid.sortHint : undefined}
                  >
                    <span className="data-grid-th-label">
                      {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                    </span>
                    {canSort && (
                      <span className="data-grid-sort" aria-hidden>
                        <span className={dir === 'asc' ? 'on' : ''}>▲</span>
                        <span className={dir === 'desc' ? 'on' : ''}>▼</span>
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
          {items.map((item, i) => {
            const w = windowRows[i]!;
            const style = { transform: `translateY(${item.start}px)`, minWidth };
            if (w.row === undefined) {
              return (
                <div key={item.key} className="data-grid-row placeholder" role="row" data-index={item.index} style={{ ...style, height: rowHeight }}>
                  <div className="data-grid-cells" style={{ gridTemplateColumns: template, height: rowHeight }}>
                    {leafColumns.map((c) => (
                      <div key={c.id} className="data-grid-td"><span className="data-grid-skeleton" /></div>
                    ))}
                  </div>
                </div>
              );
            }
            const id = getRowId(w.row);
            const row = rowsById.get(id);
            if (!row) return null;
            const isExpanded = renderExpanded !== undefined && expanded.has(id);
            const measured = renderExpanded !== undefined || wrapText;
            const clickable = onRowClick !== undefined || renderExpanded !== undefined;
            return (
              <div
                {...rowAttributes?.(w.row)}
                key={item.key}
                ref={measured ? virtualizer.measureElement : undefined}
                data-index={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                className={`data-grid-row${item.index % 2 === 1 ? ' odd' : ''}${id === selectedId ? ' selected' : ''}${clickable ? ' clickable' : ''}${wrapText ? ' wrap' : ''}`}
                style={measured ? style : { ...style, height: rowHeight }}
                onClick={clickable ? () => {
                  if (renderExpanded) toggleExpanded(id);
                  onRowClick?.(w.row!);
                } : undefined}
              >
                <div className="data-grid-cells" style={wrapText ? { gridTemplateColumns: template, minHeight: rowHeight } : { gridTemplateColumns: template, height: rowHeight }}>
                  {row.getVisibleCells().map((cell) => (
                    <div key={cell.id} role="cell" className={`data-grid-td align-${cell.column.columnDef.meta?.align ?? 'left'}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  ))}
                </div>
                {isExpanded && <div className="data-grid-expanded" onClick={(e) => e.stopPropagation()}>{renderExpanded(w.row)}</div>}
              </div>
            );
          })}
          {showEmpty && (
            <div className="data-grid-overlay" style={{ top: HEADER_HEIGHT }}>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? zhCN.grid.empty} />
            </div>
          )}
          {showLoading && (
            <div className="data-grid-overlay" style={{ top: HEADER_HEIGHT }}>{zhCN.common.loading}</div>
          )}
        </div>
      </div>
    </div>
  );
}

/** Re-exported so features need one import for a grid. */
export type { ColumnDef } from '@tanstack/react-table';
