import { HitDispositionBody, HitReasonCode, type HitDisposition } from '@kyc-review/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field, controlClass } from '../../components/field';
import { NoteField } from '../../components/note-field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { useSession } from '../../session/session-context';
import { useHitDisposition } from './case-mutations';
import styles from './case-page.module.css';

export const HIT_REASONS: Readonly<Record<HitReasonCode, string>> = {
  confirmed_same_person: 'Confirmed: the same person',
  different_dob: 'Different date of birth',
  different_nationality: 'Different nationality',
  different_person_other_identifiers: 'Different person (other identifiers)',
  common_name: 'Common name, nothing else matches',
};
const DISMISS_REASONS = HitReasonCode.options.filter((code) => code !== 'confirmed_same_person');

type Errors = Partial<Record<'reason_code' | 'note', string>>;

/**
 * A verdict on one hit: disposition, reason code and note. "Confirmed match" asks for
 * confirmation first (it raises a Cloud alert). After saving, the hit card takes the
 * focus and keeps its place in the list.
 */
export function HitVerdict({ identityId, hitId, entryName }: { identityId: string; hitId: string; entryName: string }) {
  const { can } = useSession();
  const dispose = useHitDisposition(identityId);
  const [disposition, setDisposition] = useState<HitDisposition | null>(null);
  const [reason, setReason] = useState<HitReasonCode | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);

  const start = (next: HitDisposition) => {
    setDisposition(next);
    setReason(next === 'confirmed' ? 'confirmed_same_person' : '');
    setErrors({});
  };
  const body = () => {
    const parsed = HitDispositionBody.safeParse({ disposition, reason_code: reason === '' ? undefined : reason, note });
    if (parsed.success) return parsed.data;
    const next: Errors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === 'reason_code') next.reason_code = reason === '' ? 'Choose a reason.' : issue.message;
      if (key === 'note') next.note = 'Write a note: what you compared and found.';
    }
    setErrors(next);
    return null;
  };
  const send = (verdict: HitDispositionBody) => dispose.mutate({ hitId, body: verdict });
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const verdict = body();
    if (verdict === null) return;
    setErrors({});
    if (verdict.disposition === 'confirmed') setConfirming(true);
    else send(verdict);
  };

  if (disposition === null)
    return (
      <div className={styles.hitActions}>
        <Button onClick={() => start('confirmed')}>Confirm match…</Button>
        <Button onClick={() => start('false_positive')}>False positive…</Button>
        {!can('alerts:write') && (
          <span className={styles.muted}>A confirmed match raises no Cloud alert: the install lacks alerts:write.</span>
        )}
      </div>
    );
  return (
    <form className={styles.verdictForm} onSubmit={onSubmit} noValidate aria-label={`Verdict on ${entryName}`}>
      <Field label="Reason" error={errors.reason_code}>
        {(control) => (
          <select
            {...control}
            className={controlClass}
            value={reason}
            disabled={disposition === 'confirmed'}
            onChange={(e) => setReason(HitReasonCode.safeParse(e.target.value).data ?? '')}
          >
            {disposition === 'confirmed' ? (
              <option value="confirmed_same_person">{HIT_REASONS.confirmed_same_person}</option>
            ) : (
              <>
                <option value="">Choose a reason…</option>
                {DISMISS_REASONS.map((code) => (
                  <option key={code} value={code}>
                    {HIT_REASONS[code]}
                  </option>
                ))}
              </>
            )}
          </select>
        )}
      </Field>
      <NoteField label="Note (required)" error={errors.note} value={note} onChange={setNote} />
      <div className={styles.hitActions}>
        <Button type="submit" variant="primary" disabled={dispose.isPending}>
          {disposition === 'confirmed' ? 'Confirm match' : 'Mark false positive'}
        </Button>
        <Button onClick={() => setDisposition(null)}>Cancel</Button>
      </div>
      <MutationFeedback mutation={dispose} pending="Saving the verdict…" success="Verdict saved." />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Confirm the match with ${entryName}?`}
        confirmLabel="Confirm match"
        tone="danger"
        onConfirm={() => {
          const verdict = body();
          if (verdict !== null) send(verdict);
        }}
      >
        <p>
          You state that this customer is the person on the list.{' '}
          {can('alerts:write')
            ? 'A Cloud alert is raised on the identity.'
            : 'No Cloud alert can be raised (no alerts:write).'}{' '}
          Only a lead can reverse a verdict.
        </p>
      </ConfirmDialog>
    </form>
  );
}
