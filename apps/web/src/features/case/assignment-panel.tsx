import type { AllowedActions, AssigneeDto, DueDto, DueReason } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { controlClass } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import { useShortcuts } from '../../components/use-shortcuts';
import { SHORTCUT_KEYS } from '../../shell/shortcuts';
import { useSession } from '../../session/session-context';
import { teamQueryOptions, useAssign, useClaim } from './assignment-queries';
import styles from './case-page.module.css';

const DUE_REASON_TEXT: Readonly<Record<DueReason, string>> = {
  new: 'new case',
  needs_rereview: 'needs re-review',
  periodic_review: 'periodic review',
  info_requested: 'waiting for the customer’s information',
};

/**
 * Who owns the case and when it is due: claim it, or (a lead) assign, reassign or unassign
 * it, as the case's allowed_actions offer (decision 014).
 */
export function AssignmentPanel({
  identityId,
  assignee,
  due,
  offers,
}: {
  identityId: string;
  assignee: AssigneeDto | null;
  due: DueDto | null;
  offers: AllowedActions;
}) {
  const { session } = useSession();
  const mine = assignee !== null && assignee.reviewer_id === session.reviewer?.reviewer_id;
  // The BFF refuses this reviewer's decisions because the case is someone else's.
  const heldByOther = offers.approve.blockers.some((b) => b.code === 'assigned_to_other');
  const claim = useClaim(identityId);
  const [shortcutNote, setShortcutNote] = useState<string | null>(null);
  // C claims an unassigned case; on an assigned one it says whose it is.
  useShortcuts({
    [SHORTCUT_KEYS.claim]: () => {
      if (assignee !== null) setShortcutNote(`Already assigned to ${mine ? 'you' : assignee.display_name}.`);
      else if (!claim.isPending) {
        setShortcutNote(null);
        claim.mutate();
      }
    },
  });
  return (
    <Panel title="Assignment" aside={due?.overdue === true ? <Badge tone="danger">Overdue</Badge> : undefined}>
      {assignee === null ? (
        <p>Unassigned: anyone may claim it.</p>
      ) : (
        <p>
          Assigned to <strong>{mine ? 'you' : assignee.display_name}</strong>{' '}
          <span className={styles.muted}>
            since <TimeText iso={assignee.assigned_at} format="absolute" />
          </span>
        </p>
      )}
      {due !== null && (
        <p className={due.overdue ? styles.overdue : styles.muted}>
          {due.overdue ? 'Overdue since' : 'Due'} <TimeText iso={due.due_at} format="absolute" /> ·{' '}
          {DUE_REASON_TEXT[due.reason]}
        </p>
      )}
      {assignee !== null && heldByOther && (
        <p className={styles.muted}>
          Only {assignee.display_name} or a lead can decide on this case. You can still read it and add notes.
        </p>
      )}
      {assignee === null && offers.claim.allowed && (
        <div className={styles.submitRow}>
          <Button variant="primary" onClick={() => claim.mutate()} disabled={claim.isPending}>
            Claim this case
          </Button>
          <MutationFeedback mutation={claim} pending="Claiming…" success="The case is yours." />
        </div>
      )}
      {offers.assign.allowed && <AssignForm identityId={identityId} assignee={assignee} />}
      <p role="status" className={styles.shortcutNote}>
        {shortcutNote}
      </p>
    </Panel>
  );
}

function AssignForm({ identityId, assignee }: { identityId: string; assignee: AssigneeDto | null }) {
  const team = useQuery(teamQueryOptions(useApi()));
  const assign = useAssign(identityId);
  const [choice, setChoice] = useState(assignee?.reviewer_id ?? '');
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const member = team.data?.items.find((m) => m.reviewer_id === choice);
    assign.mutate({ reviewer_id: member?.reviewer_id ?? null });
  };
  const unchanged = choice === (assignee?.reviewer_id ?? '');
  return (
    <form className={styles.assignForm} onSubmit={onSubmit}>
      <label className={styles.assignLabel}>
        <span>{assignee === null ? 'Assign to' : 'Reassign to'}</span>
        <select
          className={controlClass}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          disabled={team.isPending || team.isError}
        >
          <option value="">Nobody (unassigned)</option>
          {team.data?.items.map((m) => (
            <option key={m.reviewer_id} value={m.reviewer_id}>
              {m.display_name} · {m.role}
            </option>
          ))}
        </select>
      </label>
      <div className={styles.submitRow}>
        <Button type="submit" disabled={assign.isPending || unchanged}>
          {choice === '' ? 'Unassign' : 'Assign'}
        </Button>
        {team.isError ? (
          <span role="alert" className={styles.muted}>
            The reviewers could not be loaded.
          </span>
        ) : (
          <MutationFeedback mutation={assign} pending="Saving…" success="Assignment saved." />
        )}
      </div>
    </form>
  );
}
