import { useQuery } from '@tanstack/react-query';
import type { AuditAction } from '@kyc-review/contracts';
import { z } from 'zod';
import { useApi } from '../../api/api-context';
import { QueryErrorState } from '../../components/error-state';
import { actorName } from '../../components/actor-name';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { TimeText } from '../../components/time-text';
import styles from './case-page.module.css';
import { caseHistoryQueryOptions } from './case-queries';
import { ACTION_LABELS } from './decision-options';
import { humanize } from './evidence-list';

// Audit entries carry free-form before/after snapshots; a status change is the part worth a line.
const WithStatus = z.object({ status: z.string() });
const WithAssignee = z.object({ assignee_name: z.string() });
/** A hit's entries name the hit and its verdict before and after. */
const HitSnapshot = z.object({ entry_name: z.string(), list: z.string(), disposition: z.string() });

/** Each audit action in words: a new action in the contract's enum must be given its line here. */
const ACTION_TEXT: Readonly<Record<AuditAction, string>> = {
  'decision:approve': `Decision: ${ACTION_LABELS.approve}`,
  'decision:approve_first_of_two': 'Decision: Approve first of two',
  'decision:reject': `Decision: ${ACTION_LABELS.reject}`,
  'decision:request_info': `Decision: ${ACTION_LABELS.request_info}`,
  'decision:escalate': `Decision: ${ACTION_LABELS.escalate}`,
  'decision:reopen': `Decision: ${ACTION_LABELS.reopen}`,
  'hit:confirmed': 'Hit confirmed as a match',
  'hit:false_positive': 'Hit marked false positive',
  'hit:verdict_reversed': 'Hit verdict reversed',
  'decision:override': 'Decision: Lead override (approved over the blockers)',
  'decision:override_first_of_two': 'Decision: Lead override, first of two approvals',
  'monitoring:needs_rereview': 'Monitoring: needs re-review',
  field_revealed: 'Field revealed',
  settings_updated: 'Settings updated',
  watchlist_imported: 'Watchlist imported',
  watchlist_rolled_back: 'Watchlist rolled back',
  note_added: 'Note added',
  'case:claimed': 'Case claimed',
  'case:info_received': 'Information received',
  'case:assigned': 'Case assigned',
  'case:unassigned': 'Case unassigned',
  'export:queue_csv': 'Export: queue csv',
  'export:audit_csv': 'Export: audit csv',
  'export:case_file': 'Export: case file',
  'reviewer:bootstrapped': 'KYC Review set up',
  'reviewer:signed_in': 'Signed in',
  'reviewer:signed_out': 'Signed out',
  'reviewer:step_up': 'Authenticator code confirmed',
  'reviewer:role_changed': 'Role changed',
  'reviewer:invited': 'Reviewer invited',
  'reviewer:invitation_revoked': 'Invitation revoked',
  'reviewer:invitation_redeemed': 'Invitation accepted',
  'reviewer:disabled': 'Reviewer disabled',
  'reviewer:enabled': 'Reviewer re-enabled',
  'reviewer:policy_changed': 'Sign-in policy changed',
  'reviewer:totp_enabled': 'Authenticator set up',
  'reviewer:recovery_codes_issued': 'New recovery codes',
  'reviewer:browser_forgotten': 'Remembered browser forgotten',
  'reviewer:cloud_user_linked': 'Blnk Cloud user linked',
  'reviewer:cloud_user_unlinked': 'Blnk Cloud user unlinked',
  'sign_in:locked': 'Sign-in locked',
  'sign_in:unlocked': 'Sign-in unlocked',
};

function hitChange(before: unknown, after: unknown): string | null {
  const to = HitSnapshot.safeParse(after);
  if (!to.success) return null;
  const from = HitSnapshot.safeParse(before);
  const verdict = from.success ? `${humanize(from.data.disposition)} → ${humanize(to.data.disposition)}` : null;
  return `${to.data.entry_name} on ${to.data.list}${verdict === null ? '' : ` · ${verdict}`}`;
}

export const actionText = (action: AuditAction): string => ACTION_TEXT[action];

function statusChange(before: unknown, after: unknown): string | null {
  const from = WithStatus.safeParse(before);
  const to = WithStatus.safeParse(after);
  if (!to.success) return null;
  if (!from.success) return `Status: ${humanize(to.data.status)}`;
  return from.data.status === to.data.status
    ? null
    : `Status: ${humanize(from.data.status)} → ${humanize(to.data.status)}`;
}

/** "Assigned to …" for an assignment entry, from the names its snapshots keep. */
function assignmentChange(action: AuditAction, before: unknown, after: unknown): string | null {
  if (action === 'case:unassigned') {
    const from = WithAssignee.safeParse(before);
    return from.success ? `Was assigned to ${from.data.assignee_name}` : null;
  }
  if (action !== 'case:assigned' && action !== 'case:claimed') return null;
  const to = WithAssignee.safeParse(after);
  return to.success ? `Assigned to ${to.data.assignee_name}` : null;
}

/** The case's audit trail, newest first: who did what, when and why. */
export function HistoryPanel({ identityId }: { identityId: string }) {
  const query = useQuery(caseHistoryQueryOptions(useApi(), identityId));
  return (
    <Panel title="History">
      {query.isPending ? (
        <div aria-busy="true" aria-label="Loading the history">
          <Skeleton width="60%" />
        </div>
      ) : query.isError ? (
        <QueryErrorState title="The history could not be loaded" query={query} />
      ) : query.data.items.length === 0 ? (
        <p className={styles.muted}>Nothing has happened on this case yet.</p>
      ) : (
        <ol className={styles.timeline}>
          {query.data.items.map((entry) => {
            const change =
              assignmentChange(entry.action, entry.before, entry.after) ??
              hitChange(entry.before, entry.after) ??
              statusChange(entry.before, entry.after);
            return (
              <li key={entry.audit_id}>
                <p>
                  <strong>{actionText(entry.action)}</strong>{' '}
                  <span className={styles.muted}>
                    by {actorName(entry.actor, entry.actor_name)} · <TimeText iso={entry.at} format="absolute" />
                  </span>
                </p>
                {change !== null && <p className={styles.muted}>{change}</p>}
                {entry.reason !== null && <p>{entry.reason}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
