import type { WatchlistEntryRef, WatchlistImportPreviewDto } from '@kyc-review/contracts';
import { useState } from 'react';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { MutationFeedback } from '../../components/mutation-feedback';
import { TimeText } from '../../components/time-text';
import { ImportReportView, plural } from './import-report';
import { useDiscardImport, type useConfirmImport } from './watchlist-queries';
import shared from './settings.module.css';
import styles from './watchlist.module.css';

function Sample({ title, refs, total }: { title: string; refs: readonly WatchlistEntryRef[]; total: number }) {
  if (total === 0) return null;
  return (
    <details className={styles.sample}>
      <summary>
        {title} ({total.toLocaleString()})
      </summary>
      <ul>
        {refs.map((ref) => (
          <li key={ref.entry_id}>
            {ref.name} <span className={shared.muted}>({ref.list})</span>
          </li>
        ))}
      </ul>
      {total > refs.length && <p className={shared.muted}>And {(total - refs.length).toLocaleString()} more.</p>}
    </details>
  );
}

/**
 * A staged import: what was read, how the list would change and which cases it touches.
 * Nothing has changed yet; Confirm applies it as a new version, Discard drops it.
 */
export function ImportPreview({
  preview,
  readOnly,
  confirm,
}: {
  preview: WatchlistImportPreviewDto;
  readOnly: boolean;
  /** Held by the panel: its outcome stays on screen after the preview is gone. */
  confirm: ReturnType<typeof useConfirmImport>;
}) {
  const discard = useDiscardImport();
  const [asking, setAsking] = useState(false);
  const { changes, affected_cases: affected } = preview;
  const busy = confirm.isPending || discard.isPending;
  const lists = preview.lists.join(', ');
  return (
    <section className={styles.preview} aria-label="Import preview">
      <h3 className={styles.heading}>Preview: nothing has changed yet</h3>
      <p className={shared.muted}>
        {preview.mode === 'replace'
          ? `Replace the list${preview.lists.length > 1 ? 's' : ''} ${lists}`
          : `Add to and update ${lists}`}
        {', read '}
        <TimeText iso={preview.created_at} />
        {preview.created_by_name === null ? '' : ` by ${preview.created_by_name}`}.
      </p>
      <ImportReportView report={preview} label="Rows read" />
      <dl className={styles.changes} aria-label="Changes to the watchlist">
        <div>
          <dt>Added</dt>
          <dd>{changes.added.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Changed</dt>
          <dd>{changes.changed.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Removed</dt>
          <dd>{changes.removed.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{changes.unchanged.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Entries after</dt>
          <dd>{changes.entry_count.toLocaleString()}</dd>
        </div>
      </dl>
      <Sample title="Added" refs={changes.samples.added} total={changes.added} />
      <Sample title="Changed" refs={changes.samples.changed} total={changes.changed} />
      <Sample title="Removed" refs={changes.samples.removed} total={changes.removed} />
      <div aria-label="Cases whose outcome would change" role="group">
        <p>
          {affected.open + affected.decided === 0
            ? 'No case would change: none has a hit on an entry this import changes or removes, or would match an entry it adds.'
            : `${plural(affected.open + affected.decided, 'case', 'cases')} would change (${affected.open.toLocaleString()} open, ${affected.decided.toLocaleString()} decided: each decided one would need a re-review).`}{' '}
          <span className={shared.muted}>
            {preview.newly_hit === null
              ? 'Hits on the added entries are found when every case is screened again after you confirm (too many entries to screen here).'
              : `Counts the cases with a hit on an entry changed or removed, and ${plural(preview.newly_hit.open + preview.newly_hit.decided, 'case', 'cases')} that would newly match an entry added or changed.`}
          </span>
        </p>
        {preview.decided_samples.length > 0 && (
          <ul className={styles.decidedSamples} aria-label="Decided cases that would need a re-review">
            {preview.decided_samples.map((c) => (
              <li key={c.identity_id}>{c.name}</li>
            ))}
          </ul>
        )}
      </div>
      {!readOnly && (
        <div className={styles.actions}>
          <Button variant="primary" disabled={busy} onClick={() => setAsking(true)}>
            Confirm import
          </Button>
          <Button disabled={busy} onClick={() => discard.mutate(preview.import_id)}>
            Discard
          </Button>
        </div>
      )}
      {discard.isError && <MutationFeedback mutation={discard} pending="" success="" />}
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title="Apply this import?"
        confirmLabel="Apply as a new version"
        tone={changes.removed > 0 ? 'danger' : 'neutral'}
        onConfirm={() => confirm.mutate(preview.import_id)}
      >
        <p>
          The watchlist will hold {plural(changes.entry_count, 'entry', 'entries')}: {changes.added.toLocaleString()}{' '}
          added, {changes.changed.toLocaleString()} changed, {changes.removed.toLocaleString()} removed. Every case is
          screened again. A lead can roll back to the current version afterwards.
        </p>
      </ConfirmDialog>
    </section>
  );
}
