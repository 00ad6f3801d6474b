import { WATCHLIST_IMPORT_MAX_BYTES } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { ErrorState } from '../../components/error-state';
import { controlClass } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { TimeText } from '../../components/time-text';
import { ImportResult } from './import-result';
import styles from './settings.module.css';
import { useImportWatchlist, watchlistQueryOptions } from './settings-queries';

const IMPORT_LIMIT_MIB = WATCHLIST_IMPORT_MAX_BYTES / (1024 * 1024);

/** The screening watchlist: what it holds, and (for settings editors) a CSV import that replaces it. */
export function WatchlistPanel({ readOnly }: { readOnly: boolean }) {
  const query = useQuery(watchlistQueryOptions(useApi()));
  const importer = useImportWatchlist();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const inputId = useId();

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (file === undefined) {
      setFileError('Choose a CSV file first.');
    } else if (file.size > WATCHLIST_IMPORT_MAX_BYTES) {
      setFileError(`The file is larger than ${String(IMPORT_LIMIT_MIB)} MiB; split it and import the parts.`);
    } else {
      setFileError(undefined);
      importer.mutate(file);
    }
  };

  return (
    <Panel title="Watchlist">
      {query.isPending ? (
        <Skeleton width="60%" />
      ) : query.isError ? (
        <ErrorState
          title="The watchlist could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <dl className={styles.summary}>
          <dt>Entries</dt>
          <dd>{query.data.total}</dd>
          {query.data.lists.map((list) => (
            <div key={list.list} className={styles.listRow}>
              <dt>{list.list}</dt>
              <dd>{list.count}</dd>
            </div>
          ))}
          <dt>Version</dt>
          <dd>{query.data.version}</dd>
          <dt>Updated</dt>
          <dd>{query.data.updated_at === null ? 'Never' : <TimeText iso={query.data.updated_at} />}</dd>
        </dl>
      )}
      {!readOnly && (
        <form className={styles.importForm} onSubmit={onSubmit} noValidate>
          <label htmlFor={inputId} className={styles.label}>
            Import a CSV
          </label>
          <input
            id={inputId}
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            className={controlClass}
            aria-describedby={`${inputId}-hint${fileError === undefined ? '' : ` ${inputId}-error`}`}
            aria-invalid={fileError === undefined ? undefined : true}
            onChange={() => setFileError(undefined)}
          />
          <span id={`${inputId}-hint`} className={styles.muted}>
            Columns: name, aliases (separated by ;), dob, country, list, topic; up to 5 MiB. Each list in the file
            replaces the list of the same name, and every case is screened again.
          </span>
          {fileError !== undefined && (
            <span id={`${inputId}-error`} className={styles.error}>
              {fileError}
            </span>
          )}
          <Button type="submit" disabled={importer.isPending}>
            Import
          </Button>
          {importer.isPending && <progress className={styles.progress} aria-label="Importing the watchlist" />}
          <MutationFeedback mutation={importer} pending="Uploading and importing…" success="Import finished." />
        </form>
      )}
      {importer.data !== undefined && <ImportResult result={importer.data} />}
    </Panel>
  );
}
