import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type Column,
  type ColumnDef,
  type OnChangeFn,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './class-names';
import styles from './data-table.module.css';
import { Skeleton } from './skeleton';
import { SortHeader } from './sort-header';

declare module '@tanstack/react-table' {
  // TData and TValue are the library's own parameters of this interface.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /**
     * `secondary`: the column steps aside when the table is narrow (below 60rem, as in the
     * Cloud iframe beside its sidebar on a 1 024 px screen); the screen then shows its facts
     * in a cell that stays, marked with `NARROW_ONLY` (decision 007).
     */
    priority?: 'secondary';
  }
}

/** A class for what a table shows only when narrow: a secondary column's facts, moved into a cell that stays. */
export const NARROW_ONLY = styles.narrowOnly;

export interface DataTableProps<T> {
  /** The table's accessible name. */
  label: string;
  columns: ColumnDef<T>[];
  data: T[];
  getRowId: (row: T) => string;
  /** Shows skeleton rows (and aria-busy) instead of data. */
  loading?: boolean;
  /**
   * The rows shown are the previous answer while the next one loads (a new filter, sort or
   * page): they stay, dimmed, and the table says it is busy until the new rows arrive.
   */
  refreshing?: boolean;
  skeletonRows?: number;
  /** Controlled sorting; with `manualSorting` the server sorts and the table only shows it. */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  manualSorting?: boolean;
  /** Enter on a focused row (and a click on it) opens it; arrow keys move between rows. */
  onRowOpen?: (row: T) => void;
  /** The row's name for screen readers when it is focusable ("Open the case of Ada Obi"). */
  rowLabel?: (row: T) => string;
  /** Rendered instead of the body when there is no row and nothing is loading. */
  empty?: ReactNode;
}

const priorityClass = <T,>(column: Column<T>) =>
  column.columnDef.meta?.priority === 'secondary' ? styles.secondary : undefined;

/**
 * A dense table on TanStack Table: sortable headers (buttons with aria-sort on the header
 * cell), skeleton rows while loading, and keyboard row navigation with one tab stop for
 * the whole body (a roving tabindex), as in a data grid.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { label, columns, data, getRowId, loading = false, refreshing = false, skeletonRows = 8 } = props;
  const { onRowOpen, rowLabel, empty } = props;
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const [activeIndex, setActiveIndex] = useState(0);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const sorting = props.sorting ?? localSorting;

  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater;
    if (props.onSortingChange === undefined) setLocalSorting(next);
    else props.onSortingChange(next);
  };

  // TanStack Table hands back functions the React Compiler cannot memoize; it skips this
  // component, which re-renders cheaply at the sizes shown (a page of 20 to 100 rows).
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<T>({
    data,
    columns,
    getRowId: (row) => getRowId(row),
    state: { sorting },
    onSortingChange,
    manualSorting: props.manualSorting ?? false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;
  const active = Math.min(activeIndex, Math.max(0, rows.length - 1));

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActiveIndex(target);
    bodyRef.current?.querySelectorAll<HTMLTableRowElement>(':scope > tr')[target]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: T) => {
    // Keys typed into a control inside the row belong to that control.
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusRow(move);
    } else if (event.key === 'Enter' && onRowOpen !== undefined) {
      event.preventDefault();
      onRowOpen(row);
    }
  };

  const showEmpty = !loading && rows.length === 0 && empty !== undefined;
  return (
    <div className={styles.wrap}>
      <table
        className={cx(styles.table, refreshing && !loading && styles.refreshing)}
        aria-label={label}
        aria-busy={loading || refreshing}
      >
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortHeader key={header.id} header={header} className={priorityClass(header.column)} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody ref={bodyRef}>
          {loading
            ? Array.from({ length: skeletonRows }, (_, i) => (
                <tr key={`skeleton-${String(i)}`} className={styles.skeletonRow}>
                  {table.getVisibleLeafColumns().map((column, c) => (
                    <td key={column.id} className={priorityClass(column)}>
                      <Skeleton width={c === 0 ? '70%' : '50%'} />
                    </td>
                  ))}
                </tr>
              ))
            : rows.map((row, index) => (
                <tr
                  key={row.id}
                  tabIndex={onRowOpen === undefined ? undefined : index === active ? 0 : -1}
                  aria-label={rowLabel?.(row.original)}
                  className={cx(onRowOpen !== undefined && styles.interactive)}
                  onFocus={() => setActiveIndex(index)}
                  onKeyDown={(event) => onKeyDown(event, index, row.original)}
                  onClick={(event) => {
                    // A click on a link or button inside the row does its own thing.
                    if (
                      onRowOpen === undefined ||
                      (event.target instanceof Element &&
                        event.target.closest('a, button, input, select, textarea') !== null)
                    )
                      return;
                    onRowOpen(row.original);
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={priorityClass(cell.column)}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
      {showEmpty && <div className={styles.empty}>{empty}</div>}
    </div>
  );
}
