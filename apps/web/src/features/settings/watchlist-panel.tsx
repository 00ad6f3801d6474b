import { WATCHLIST_IMPORT_MAX_BYTES, WatchlistImportFormat } from '@kyc-review/contracts';
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

const FORMATS: readonly { value: WatchlistImportFormat | ''; label: string }[] = [
  { value: '', label: 'Recognise from the file' },
  { value: 'ofac_sdn', label: 'OFAC SDN (sdn.csv, alt.csv, add.csv)' },
  { value: 'opensanctions_ftm', label: 'OpenSanctions entities (FtM JSON lines)' },
  { value: 'opensanctions_simple', label: 'OpenSanctions targets.simple.csv' },
  { value: 'csv', label: 'CSV (name, aliases, dob, country, list, topic)' },
];

const formatOf = (value: string): WatchlistImportFormat | null => {
  const parsed = WatchlistImportFormat.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** The screening watchlist: what it holds, and (for settings editors) an import of list files. */
export function WatchlistPanel({ readOnly }: { readOnly: boolean }) {
  const query = useQuery(watchlistQueryOptions(useApi()));
  const importer = useImportWatchlist();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [format, setFormat] = useState<WatchlistImportFormat | null>(null);
  const inputId = useId();
  const formatId = useId();

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const files = [...(fileRef.current?.files ?? [])];
    const size = files.reduce((sum, file) => sum + file.size, 0);
    if (files.length === 0) {
      setFileError('Choose a watchlist file first (for OFAC, sdn.csv with alt.csv and add.csv).');
    } else if (size > WATCHLIST_IMPORT_MAX_BYTES) {
      setFileError(`The files are larger than ${String(IMPORT_LIMIT_MIB)} MiB together; import a smaller dataset.`);
    } else {
      setFileError(undefined);
      importer.mutate({ files, format });
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
          <dd>{query.data.total.toLocaleString()}</dd>
          {query.data.lists.map((list) => (
            <div key={list.list} className={styles.listRow}>
              <dt>{list.list}</dt>
              <dd>{list.count.toLocaleString()}</dd>
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
            Import watchlist files
          </label>
          <input
            id={inputId}
            ref={fileRef}
            type="file"
            multiple
            accept=".csv,.json,.jsonl,.ndjson,.txt,text/csv,application/json"
            className={controlClass}
            aria-describedby={`${inputId}-hint${fileError === undefined ? '' : ` ${inputId}-error`}`}
            aria-invalid={fileError === undefined ? undefined : true}
            onChange={() => setFileError(undefined)}
          />
          <span id={`${inputId}-hint`} className={styles.muted}>
            The OFAC SDN files (sdn.csv with alt.csv and add.csv, chosen together), OpenSanctions entities.ftm.json or
            targets.simple.csv, or a CSV with the columns name, aliases (separated by ;), dob, country, list, topic.
            Each list in the upload replaces the list of the same name, and every case is screened again.
          </span>
          {fileError !== undefined && (
            <span id={`${inputId}-error`} className={styles.error}>
              {fileError}
            </span>
          )}
          <label htmlFor={formatId} className={styles.label}>
            Format
          </label>
          <select
            id={formatId}
            className={controlClass}
            value={format ?? ''}
            onChange={(event) => setFormat(formatOf(event.target.value))}
          >
            {FORMATS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <Button type="submit" disabled={importer.isPending}>
            Import
          </Button>
          {importer.isPending && <progress className={styles.progress} aria-label="Importing the watchlist" />}
          <MutationFeedback
            mutation={importer}
            pending="Uploading and reading the files… large lists take a while."
            success="Import finished."
          />
        </form>
      )}
      {importer.data !== undefined && <ImportResult result={importer.data} />}
    </Panel>
  );
}
