import { OverrideBody, OverrideReasonCode, type CaseDto } from '@kyc-review/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { NoteField } from '../../components/note-field';
import { ReasonField } from '../../components/reason-field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { useOverride } from './case-mutations';
import styles from './case-page.module.css';

export const OVERRIDE_REASONS: Readonly<Record<OverrideReasonCode, string>> = {
  screened_outside_the_app: 'Screened outside the app',
  hit_cleared_by_evidence: 'Hit cleared by evidence',
  documented_exception: 'Documented exception',
  regulator_or_board_approval: 'Regulator or board approval',
  other: 'Other',
};

type Errors = Partial<Record<'reason_code' | 'note', string>>;

/**
 * What stands in the way of an approval, in place of the Approve action (the BFF refuses
 * it with the same list). A lead may approve over them with a reason code and a note: an
 * audited step of its own, and one of the two approvals where four eyes applies. Whether the
 * override is offered, and why not, is the case's allowed_actions.override (decision 014).
 */
export function ApprovalBlockers({ identityId, kase }: { identityId: string; kase: CaseDto }) {
  const offer = kase.allowed_actions.override;
  const override = useOverride(identityId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<OverrideReasonCode | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const blockers = kase.approval_blockers;
  // Said only while an approval could follow: not on a case whose status takes none.
  if (blockers.length === 0 || offer.blockers.some((b) => b.code === 'invalid_transition')) return null;

  const body = (): OverrideBody | null => {
    const parsed = OverrideBody.safeParse({ reason_code: reason === '' ? undefined : reason, note });
    if (parsed.success) return parsed.data;
    const next: Errors = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'reason_code') next.reason_code = 'Choose why you override.';
      if (issue.path[0] === 'note') next.note = 'Write a note: what you checked instead.';
    }
    setErrors(next);
    return null;
  };
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (body() === null) return;
    setErrors({});
    setConfirming(true);
  };

  return (
    <section className={styles.blockers} aria-label="Approval blocked">
      <p className={styles.blockersTitle}>
        <strong>Approval is blocked</strong> until {blockers.length === 1 ? 'this is' : 'these are'} resolved:
      </p>
      <ul>
        {blockers.map((b) => (
          <li key={b.code === 'check_skipped' ? b.check_id : b.code === 'open_hit' ? b.hit_id : b.stop}>{b.message}</li>
        ))}
      </ul>
      {!offer.allowed ? (
        <p className={styles.muted}>
          {offer.blockers[0]?.code === 'role_required'
            ? 'Only a lead can approve over these, with a reason.'
            : offer.blockers[0]?.message}
        </p>
      ) : !open ? (
        <div className={styles.hitActions}>
          <Button onClick={() => setOpen(true)}>Override as lead…</Button>
          <MutationFeedback mutation={override} pending="Saving the override…" success="Override recorded." />
        </div>
      ) : (
        <form className={styles.verdictForm} onSubmit={onSubmit} noValidate aria-label="Override the blockers">
          <ReasonField
            codes={OverrideReasonCode.options}
            labels={OVERRIDE_REASONS}
            value={reason}
            onChange={setReason}
            error={errors.reason_code}
          />
          <NoteField label="Note (required)" error={errors.note} value={note} onChange={setNote} />
          <div className={styles.hitActions}>
            <Button type="submit" variant="primary" disabled={override.isPending}>
              Approve over the blockers
            </Button>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
          </div>
          <MutationFeedback mutation={override} pending="Saving the override…" success="Override recorded." />
        </form>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Approve over the blockers?"
        confirmLabel="Override and approve"
        tone="danger"
        onConfirm={() => {
          const overridden = body();
          if (overridden === null) return;
          override.mutate(overridden, {
            onSuccess: () => {
              setOpen(false);
              setReason('');
              setNote('');
            },
          });
        }}
      >
        <p>
          You approve although{' '}
          {blockers.length === 1 ? 'one blocker stands' : `${String(blockers.length)} blockers stand`}. The override is
          recorded in the history under your name with the reason.
        </p>
        {offer.four_eyes === 'first_of_two' && (
          <p>
            This case needs four eyes: your override is the first approval, a different lead or admin gives the second.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
