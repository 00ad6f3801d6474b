import { DecisionBody, RejectReasonCode, type CaseDto, type DecisionAction } from '@kyc-review/contracts';
import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { flushSync } from 'react-dom';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { NoteField } from '../../components/note-field';
import { ReasonField } from '../../components/reason-field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { useShortcuts } from '../../components/use-shortcuts';
import { SHORTCUT_KEYS } from '../../shell/shortcuts';
import { ApprovalBlockers } from './approval-blockers';
import { useSession } from '../../session/session-context';
import { useDecision } from './case-mutations';
import { useRequestInfo } from './info-request-queries';
import { RequestedItemsField, requestedItemsOf } from './requested-items-field';
import styles from './case-page.module.css';
import {
  ACTION_LABELS,
  disabledReason,
  noteLabel,
  REJECT_REASONS,
  sharedReasons,
  visibleActions,
} from './decision-options';
import { DecisionNotices } from './decision-notices';

type Errors = Partial<Record<'reason_code' | 'note', string>>;

/**
 * Approve, reject (reason code and note), request information or escalate. What is offered,
 * why an action is not and what each needs come from the case's allowed_actions (the BFF's
 * rules, decision 014); an approval under four eyes asks for confirmation first.
 */
export function DecisionPanel({ identityId, kase }: { identityId: string; kase: CaseDto }) {
  const { session } = useSession();
  const decided = useDecision(identityId);
  const requestInfo = useRequestInfo(identityId);
  const [items, setItems] = useState('');
  const [action, setAction] = useState<DecisionAction | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const reasonsId = useId();
  const shared = sharedReasons(kase);
  const offers = kase.allowed_actions;

  // A and R choose the action and move focus on (decision 010): Enter then approves, and a
  // rejection still needs its reason and note. An action that is not possible says why.
  const formRef = useRef<HTMLFormElement>(null);
  const [shortcutNote, setShortcutNote] = useState<string | null>(null);
  const choose = (option: 'approve' | 'reject') => {
    const why = disabledReason(kase, option);
    if (why !== null) {
      setShortcutNote(`${ACTION_LABELS[option]} is not possible now. ${why}`);
      return;
    }
    // Rendered at once, so the control to focus exists (React's advice for focus after a state change).
    flushSync(() => {
      setShortcutNote(null);
      setAction(option);
      setErrors({});
    });
    const target = formRef.current?.querySelector(option === 'approve' ? 'button[type="submit"]' : 'select');
    if (target instanceof HTMLElement) target.focus();
  };
  useShortcuts({ [SHORTCUT_KEYS.approve]: () => choose('approve'), [SHORTCUT_KEYS.reject]: () => choose('reject') });

  const body = (): DecisionBody | null => {
    const parsed = DecisionBody.safeParse({
      action,
      reason_code: action !== null && offers[action].reason_code && reason !== '' ? reason : undefined,
      note: note.trim() === '' ? undefined : note,
    });
    if (parsed.success) return parsed.data;
    const next: Errors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === 'reason_code' || key === 'note') next[key] = issue.message;
    }
    setErrors(next);
    return null;
  };

  // Request information goes with what is asked item by item (decision 021); the rest are plain decisions.
  const [sentAsRequest, setSentAsRequest] = useState(false);
  const decision = sentAsRequest ? requestInfo : decided;
  const send = (body: DecisionBody) => {
    setSentAsRequest(body.action === 'request_info');
    const onSuccess = () => {
      setAction(null);
      setReason('');
      setNote('');
      setItems('');
    };
    if (body.action === 'request_info')
      requestInfo.mutate({ text: body.note ?? '', items: requestedItemsOf(items) }, { onSuccess });
    else decided.mutate(body, { onSuccess });
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = body();
    if (parsed === null) return;
    setErrors({});
    if (parsed.action === 'approve' && offers.approve.four_eyes !== null) setConfirming(true);
    else send(parsed);
  };

  const successText =
    decision.data?.case.pending_approval != null && decision.data.case.status === 'in_review'
      ? 'First approval recorded. A second reviewer must approve this case.'
      : 'Decision saved.';

  return (
    <Panel title="Decision">
      <DecisionNotices kase={kase} reviewerId={session.reviewer?.reviewer_id ?? null} />
      <ApprovalBlockers identityId={identityId} kase={kase} />
      <p role="status" className={styles.shortcutNote}>
        {shortcutNote}
      </p>
      <form ref={formRef} className={styles.decisionForm} onSubmit={onSubmit} noValidate>
        <fieldset className={styles.actions}>
          <legend className={styles.legend}>Action</legend>
          {visibleActions(kase).map((option) => {
            const reasonText = disabledReason(kase, option);
            // A reason several actions share is said once below them; others sit under their radio.
            const sharedAt = reasonText === null ? -1 : shared.indexOf(reasonText);
            const reasonId = sharedAt >= 0 ? `${reasonsId}-shared-${String(sharedAt)}` : `${reasonsId}-${option}`;
            return (
              <div key={option} className={styles.actionOption}>
                <label className={styles.radio}>
                  <input
                    type="radio"
                    name="action"
                    value={option}
                    checked={action === option}
                    disabled={reasonText !== null}
                    aria-describedby={reasonText === null ? undefined : reasonId}
                    onChange={() => {
                      setAction(option);
                      setErrors({});
                      setShortcutNote(null);
                    }}
                  />
                  {ACTION_LABELS[option]}
                </label>
                {reasonText !== null && sharedAt < 0 && (
                  <span id={reasonId} className={styles.disabledReason}>
                    {reasonText}
                  </span>
                )}
              </div>
            );
          })}
          {shared.map((text, i) => (
            <p key={text} id={`${reasonsId}-shared-${String(i)}`} className={styles.sharedReason}>
              {text}
            </p>
          ))}
        </fieldset>
        {action !== null && offers[action].reason_code && (
          <ReasonField
            codes={RejectReasonCode.options}
            labels={REJECT_REASONS}
            value={reason}
            onChange={setReason}
            error={errors.reason_code}
          />
        )}
        {action !== null && (
          <NoteField label={noteLabel(offers[action], action)} error={errors.note} value={note} onChange={setNote} />
        )}
        {action === 'request_info' && <RequestedItemsField value={items} onChange={setItems} />}
        <div className={styles.submitRow}>
          <Button type="submit" variant="primary" disabled={action === null || decision.isPending}>
            {action === null ? 'Choose an action' : ACTION_LABELS[action]}
          </Button>
          <MutationFeedback mutation={decision} pending="Saving the decision…" success={successText} />
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Approve under four eyes?"
        confirmLabel="Approve"
        onConfirm={() => {
          const parsed = body();
          if (parsed !== null) send(parsed);
        }}
      >
        <p>
          This identity scores {Math.round(kase.risk.score * 100)} of 100 (
          {kase.risk.reasons.map((r) => r.label).join(', ') || 'no reason recorded'}).
        </p>
        <p>
          {offers.approve.four_eyes === 'first_of_two'
            ? 'This case needs four eyes: yours is the first approval, and a different reviewer must approve too.'
            : 'Yours is the second approval; the case is approved once you confirm.'}
        </p>
      </ConfirmDialog>
    </Panel>
  );
}
