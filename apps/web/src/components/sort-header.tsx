import { flexRender, type Header } from '@tanstack/react-table';
import styles from './data-table.module.css';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** A header cell; when the column sorts, its label is a button and the cell carries aria-sort. */
export function SortHeader<T>({ header, className }: { header: Header<T, unknown>; className?: string | undefined }) {
  if (header.isPlaceholder) return <th scope="col" className={className} />;
  const label = flexRender(header.column.columnDef.header, header.getContext());
  if (!header.column.getCanSort())
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  const direction = header.column.getIsSorted();
  return (
    <th scope="col" className={className} aria-sort={direction === false ? 'none' : ARIA_SORT[direction]}>
      <button type="button" className={styles.sortButton} onClick={header.column.getToggleSortingHandler()}>
        {label}
        <span className={styles.sortMark} aria-hidden="true">
          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
