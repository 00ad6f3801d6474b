import {
  WATCHLIST_IMPORT_MAX_BYTES,
  WatchlistImportFormat,
  WatchlistImportReport,
  type WatchlistImportMode,
} from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { QueryErrorState } from '../../components/error-state';
import { controlClass } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { ImportPreview } from './import-preview';
import { ImportReportView } from './import-report';
import { pendingImportQueryOptions, useConfirmImport, useUploadWatchlist } from './watchlist-queries';
import shared from './settings.module.css';
import styles from './watchlist.module.css';

const IMPORT_LIMIT_MIB = WATCHLIST_IMPORT_MAX_BYTES / (1024 * 1024);

const FORMATS: readonly { value: WatchlistImportFormat | ''; label: string }[] = [
  { value: '', label: 'Recognise from the file' },
  { value: 'ofac_sdn', label: 'OFAC SDN (sdn.csv, alt.csv, add.csv)' },
  { value: 'opensanctions_ftm', label: 'OpenSanctions entities (FtM JSON lines)' },
  { value: 'opensanctions_simple', label: 'OpenSanctions targets.simple.csv' },
  { value: 'csv', label: 'CSV (name, aliases, dob, country, list, topic)' },
];

const MODES: readonly { value: WatchlistImportMode; label: string; hint: string }[] = [
  { value: 'append', label: 'Add and update', hint: 'Entries are added or updated by their id; nothing is removed.' },
  {
    value: 'replace',
    label: 'Replace the lists',
    hint: 'Each list in the upload is replaced whole: its entries missing from the files are removed.',
  },
];

const formatOf = (value: string): WatchlistImportFormat | null => {
  const parsed = WatchlistImportFormat.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** The rows of an upload refused for too many bad rows, from the error's details. */
function refusedReport(error: unknown): WatchlistImportReport | null {
  if (!(error instanceof ApiError) || error.code !== 'too_many_refused_rows') return null;
  const parsed = WatchlistImportReport.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}

/** Uploading list files: read and compared first (the preview), applied only once confirmed. */
export function WatchlistImportPanel({ readOnly }: { readOnly: boolean }) {
  const pending = useQuery(pendingImportQueryOptions(useApi()));
  const upload = useUploadWatchlist();
  const confirm = useConfirmImport();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [format, setFormat] = useState<WatchlistImportFormat | null>(null);
  const [mode, setMode] = useState<WatchlistImportMode>('append');
  const inputId = useId();
  const formatId = useId();
  const refused = refusedReport(upload.error);

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
      upload.mutate({ files, mode, format });
    }
  };

  return (
    <Panel title="Import a watchlist">
      {!readOnly && (
        <form className={styles.importForm} onSubmit={onSubmit} noValidate>
          <div className={styles.field}>
            <label htmlFor={inputId} className={shared.label}>
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
            <span id={`${inputId}-hint`} className={shared.muted}>
              The OFAC SDN files (sdn.csv with alt.csv and add.csv, chosen together), OpenSanctions entities.ftm.json or
              targets.simple.csv, or a CSV with the columns name, aliases (separated by ;), dob, country, list, topic.
              You see what would change before anything does.
            </span>
            {fileError !== undefined && (
              <span id={`${inputId}-error`} className={shared.error}>
                {fileError}
              </span>
            )}
          </div>
          <div className={styles.field}>
            <label htmlFor={formatId} className={shared.label}>
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
          </div>
          <fieldset className={styles.modes}>
            <legend className={shared.label}>How the upload changes the watchlist</legend>
            {MODES.map((option) => (
              <label key={option.value} className={styles.mode}>
                <input
                  type="radio"
                  name="mode"
                  value={option.value}
                  checked={mode === option.value}
                  onChange={() => setMode(option.value)}
                />
                <span>
                  {option.label} <span className={shared.muted}>{option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <Button type="submit" variant="primary" disabled={upload.isPending}>
            Read and preview
          </Button>
          {upload.isPending && <progress className={styles.progress} aria-label="Reading the watchlist files" />}
          <MutationFeedback
            // Once the preview was confirmed, its "read" message is no longer news.
            mutation={confirm.submittedAt > upload.submittedAt ? { status: 'idle', error: null } : upload}
            pending="Uploading and reading the files… large lists take a while."
            success="Read. Check the preview below, then confirm or discard it."
          />
          {refused !== null && <ImportReportView report={refused} label="Refused upload" />}
        </form>
      )}
      {pending.isPending ? (
        <div aria-busy="true" aria-label="Loading the pending import">
          <Skeleton width="40%" />
        </div>
      ) : pending.isError ? (
        <QueryErrorState title="The pending import could not be loaded" query={pending} />
      ) : pending.data.pending === null ? (
        <p className={shared.muted}>No import is waiting for confirmation.</p>
      ) : (
        <ImportPreview
          key={pending.data.pending.import_id}
          preview={pending.data.pending}
          readOnly={readOnly}
          confirm={confirm}
        />
      )}
      <MutationFeedback
        mutation={confirm}
        pending="Writing the new version and screening every case again…"
        success={
          confirm.data === undefined
            ? 'Imported.'
            : `Imported: version ${String(confirm.data.version.version)} is active, with ${confirm.data.summary.total.toLocaleString()} entries. Every case is being screened again.`
        }
      />
    </Panel>
  );
}
