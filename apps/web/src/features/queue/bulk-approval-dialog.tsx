import { BULK_APPROVAL_MAX, type BulkPreviewItem, type BulkResultItem } from '@kyc-review/contracts';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { errorMessage } from '../../components/error-state';
import { useBulkApprove, useBulkPreview } from './bulk-approval-queries';
import styles from './bulk-approval.module.css';

const plural = (n: number, one: string, many = `${one}s`) => `${String(n)} ${n === 1 ? one : many}`;
const nameOf = (item: { display_name: string | null; identity_id: string }) => item.display_name ?? item.identity_id;

const OUTCOME: Record<BulkResultItem['outcome'], { label: string; tone: 'success' | 'warning' | 'danger' }> = {
  approved: { label: 'Approved', tone: 'success' },
  first_approval_recorded: { label: 'First approval recorded', tone: 'warning' },
  refused: { label: 'Not approved', tone: 'danger' },
};

export interface BulkApprovalProps {
  /** The cases ticked in the queue, in the order they were ticked. */
  selected: readonly string[];
  /** After a run, once the result is closed: the selection is spent. */
  onDone: () => void;
}

/**
 * Bulk approval from the queue (decision 021): the BFF checks the selection first and the
 * dialog says how many may be approved and why the others may not; confirming approves
 * each eligible case as its own decision, and the dialog then lists what became of each.
 * The dialog is opened by its trigger, so Radix gives focus back to it on close and on Esc.
 */
export function BulkApproval({ selected, onDone }: BulkApprovalProps) {
  const [open, setOpen] = useState(false);
  const preview = useBulkPreview();
  const approve = useBulkApprove();
  const over = selected.length > BULK_APPROVAL_MAX;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) {
      approve.reset();
      preview.mutate(selected);
    } else if (approve.isSuccess) onDone();
  };
  const eligible = preview.data?.eligible ?? [];

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <Button variant="primary" disabled={selected.length === 0 || over}>
          Approve selected…
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.content}>
          <Dialog.Title>Approve {plural(selected.length, 'selected case')}</Dialog.Title>
          <Dialog.Description asChild>
            <div className={styles.body}>
              {approve.isSuccess ? (
                <BulkResult items={approve.data.items} />
              ) : approve.isPending ? (
                <p role="status">Approving {plural(eligible.length, 'case')}, one decision each…</p>
              ) : preview.isPending ? (
                <p role="status">Checking the selection…</p>
              ) : preview.isError ? (
                <p role="alert" className={styles.error}>
                  {errorMessage(preview.error)}
                </p>
              ) : preview.data !== undefined ? (
                <BulkPreview eligible={eligible} ineligible={preview.data.ineligible} />
              ) : null}
              {approve.isError && (
                <p role="alert" className={styles.error}>
                  {errorMessage(approve.error)}
                </p>
              )}
            </div>
          </Dialog.Description>
          <div className={styles.actions}>
            <Dialog.Close asChild>
              <Button>{approve.isSuccess ? 'Close' : 'Cancel'}</Button>
            </Dialog.Close>
            {!approve.isSuccess && (
              <Button
                variant="primary"
                disabled={eligible.length === 0 || approve.isPending || preview.isPending}
                onClick={() =>
                  approve.mutate({ cases: eligible.map((i) => ({ identity_id: i.identity_id, version: i.version })) })
                }
              >
                Approve {plural(eligible.length, 'case')}
              </Button>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function BulkPreview({ eligible, ineligible }: { eligible: BulkPreviewItem[]; ineligible: BulkPreviewItem[] }) {
  const firsts = eligible.filter((i) => i.expected === 'first_approval_recorded').length;
  return (
    <>
      <p className={styles.summary}>
        <strong>
          {String(eligible.length)} of {plural(eligible.length + ineligible.length, 'case')}
        </strong>{' '}
        can be approved: low risk, nothing open or skipped, no hard stop. Each is decided and audited on its own and
        written back to the ledger.
      </p>
      {firsts > 0 && (
        <p>
          {plural(firsts, 'of them needs', 'of them need')} two approvals (four eyes): yours is recorded as the first; a
          different lead completes it.
        </p>
      )}
      {ineligible.length > 0 && (
        <>
          <p className={styles.listTitle}>Not eligible ({String(ineligible.length)}), left as they are:</p>
          <ul className={styles.list}>
            {ineligible.map((item) => (
              <li key={item.identity_id}>
                <span className={styles.name}>{nameOf(item)}</span>
                <span className={styles.reason}>{item.refusal?.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function BulkResult({ items }: { items: BulkResultItem[] }) {
  const count = (outcome: BulkResultItem['outcome']) => items.filter((i) => i.outcome === outcome).length;
  return (
    <>
      <p role="status" className={styles.summary}>
        {plural(count('approved'), 'case')} approved
        {count('first_approval_recorded') > 0 && `, ${plural(count('first_approval_recorded'), 'first approval')}`}
        {count('refused') > 0 && `, ${String(count('refused'))} not approved`}.
      </p>
      <ul className={styles.list} aria-label="Result per case">
        {items.map((item) => (
          <li key={item.identity_id}>
            <span className={styles.name}>{nameOf(item)}</span>
            <Badge tone={OUTCOME[item.outcome].tone}>{OUTCOME[item.outcome].label}</Badge>
            {item.refusal !== null && <span className={styles.reason}>{item.refusal.message}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
