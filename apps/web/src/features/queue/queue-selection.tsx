import { BULK_APPROVAL_MAX, type CaseSummaryDto } from '@kyc-review/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { Button } from '../../components/button';
import { BulkApproval } from './bulk-approval-dialog';
import styles from './bulk-approval.module.css';

/** The cases ticked in the queue, across pages and filters, in the order they were ticked. */
export function useQueueSelection() {
  const [selected, setSelected] = useState<readonly string[]>([]);
  const has = (id: string) => selected.includes(id);
  return {
    selected,
    has,
    toggle: (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id])),
    setMany: (ids: readonly string[], on: boolean) =>
      setSelected((s) => (on ? [...s, ...ids.filter((id) => !s.includes(id))] : s.filter((x) => !ids.includes(x)))),
    clear: () => setSelected([]),
  };
}
export type QueueSelection = ReturnType<typeof useQueueSelection>;

/** The checkbox column in front of the queue's columns: one per row, and one for the page. */
export function selectionColumn(selection: QueueSelection, page: readonly CaseSummaryDto[]): ColumnDef<CaseSummaryDto> {
  const ids = page.map((r) => r.identity_id);
  const all = ids.length > 0 && ids.every(selection.has);
  return {
    id: 'select',
    enableSorting: false,
    header: () => (
      <input
        type="checkbox"
        className={styles.check}
        aria-label="Select every case on this page"
        checked={all}
        disabled={ids.length === 0}
        onChange={() => selection.setMany(ids, !all)}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        className={styles.check}
        aria-label={`Select ${row.original.display_name || row.original.identity_id}`}
        checked={selection.has(row.original.identity_id)}
        onChange={() => selection.toggle(row.original.identity_id)}
      />
    ),
  };
}

/** What is selected and what can be done with it; shown while anything is ticked. */
export function SelectionBar({ selection }: { selection: QueueSelection }) {
  const n = selection.selected.length;
  if (n === 0) return null;
  const over = n > BULK_APPROVAL_MAX;
  return (
    <div className={styles.bar} role="region" aria-label="Selected cases">
      <p aria-live="polite">
        {n === 1 ? '1 case selected' : `${String(n)} cases selected`}
        {over &&
          ` — at most ${String(BULK_APPROVAL_MAX)} can be approved at once; untick ${String(n - BULK_APPROVAL_MAX)}.`}
      </p>
      <BulkApproval selected={selection.selected} onDone={selection.clear} />
      <Button onClick={selection.clear}>Clear selection</Button>
    </div>
  );
}
