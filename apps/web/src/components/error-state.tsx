import { ApiError } from '../api/api-error';
import { Button } from './button';
import { cx } from './class-names';
import styles from './state.module.css';

export interface ErrorStateProps {
  /** What failed, e.g. "The queue could not be loaded". */
  title: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** The message of the BFF's error envelope (never a stack or raw body); a generic line otherwise. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something unexpected went wrong.';
}

/** A failed read inside a screen: what failed, the server's reason, and a retry. */
export function ErrorState({ title, error, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <div className={cx(styles.state, styles.error)} role="alert">
      <p className={styles.title}>{title}</p>
      <p className={styles.detail}>{errorMessage(error)}</p>
      {onRetry !== undefined && (
        <Button onClick={onRetry} disabled={retrying}>
          {retrying ? 'Trying again…' : 'Try again'}
        </Button>
      )}
    </div>
  );
}

/** What a failed query offers its error state (a TanStack Query result has these). */
type FailedQuery = { readonly error: unknown; readonly isFetching: boolean; refetch(): unknown };

/** A failed query's error state, retried by refetching it. */
export function QueryErrorState({ title, query }: { title: string; query: FailedQuery }) {
  return (
    <ErrorState title={title} error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
  );
}
