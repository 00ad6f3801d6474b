import { Button } from './button';
import styles from './pagination.module.css';

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  /** What is counted, for the accessible name ("Queue pages"). */
  label: string;
  /**
   * `total` is a lower bound (a broad search the BFF counted only in part): the range reads "of
   * at least N", and Next follows `hasNext` (a page after this one exists) instead of the total.
   */
  atLeast?: { hasNext: boolean } | undefined;
}

/** "21–40 of 57" with previous and next; the range is announced when it changes. */
export function Pagination({ page, pageSize, total, onPageChange, label, atLeast }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = atLeast === undefined ? Math.min(total, page * pageSize) : page * pageSize;
  const lastPage = atLeast === undefined ? page >= pages : !atLeast.hasNext;
  return (
    <nav className={styles.pagination} aria-label={label}>
      <span aria-live="polite">
        {first}–{last} of {atLeast === undefined ? total : `at least ${String(Math.max(total, last))}`}
      </span>
      <Button onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
        Previous
      </Button>
      <Button onClick={() => onPageChange(page + 1)} disabled={lastPage}>
        Next
      </Button>
    </nav>
  );
}
