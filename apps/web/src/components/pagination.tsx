import { Button } from './button';
import styles from './pagination.module.css';

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  /** What is counted, for the accessible name ("Queue pages"). */
  label: string;
}

/** "21–40 of 57" with previous and next; the range is announced when it changes. */
export function Pagination({ page, pageSize, total, onPageChange, label }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className={styles.pagination} aria-label={label}>
      <span aria-live="polite">
        {first}–{last} of {total}
      </span>
      <Button onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
        Previous
      </Button>
      <Button onClick={() => onPageChange(page + 1)} disabled={page >= pages}>
        Next
      </Button>
    </nav>
  );
}
