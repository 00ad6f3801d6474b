import { z } from 'zod';
import type { DecisionAction } from './decisions';
import type { HitDisposition } from './hits';

// The audit trail as the API shows it: the actions a row records, a case's history.

/**
 * What an audit row records. The stored strings keep their `kind:detail` spelling; readers
 * branch on the whole value, never on parts of it.
 */
export const AuditAction = z.enum([
  'decision:approve',
  'decision:approve_first_of_two',
  'decision:reject',
  'decision:request_info',
  'decision:escalate',
  'decision:reopen',
  'decision:override',
  'decision:override_first_of_two',
  'hit:confirmed',
  'hit:false_positive',
  'hit:verdict_reversed',
  'monitoring:needs_rereview',
  'field_revealed',
  'settings_updated',
  'watchlist_imported',
  'watchlist_rolled_back',
  'note_added',
  // Assignment (decision 021): a claim, a lead's (re)assignment, an unassignment.
  'case:claimed',
  'case:assigned',
  'case:unassigned',
  // Request information (decision 021): the customer's answer came back.
  'case:info_received',
  'export:queue_csv',
  'export:audit_csv',
  'export:case_file',
  // Reviewers and sign-in (decision 017): no case, the install's own trail.
  'reviewer:bootstrapped',
  'reviewer:signed_in',
  'reviewer:signed_out',
  'reviewer:step_up',
  'reviewer:role_changed',
  'reviewer:invited',
  'reviewer:invitation_revoked',
  'reviewer:invitation_redeemed',
  'reviewer:disabled',
  'reviewer:enabled',
  'reviewer:policy_changed',
  'reviewer:totp_enabled',
  'reviewer:recovery_codes_issued',
  'reviewer:browser_forgotten',
  'reviewer:cloud_user_linked',
  'reviewer:cloud_user_unlinked',
  'sign_in:locked',
  'sign_in:unlocked',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** The audit action of a decision; the first approval of a four-eyes pair is its own action. */
export const decisionAuditAction = (action: DecisionAction, final: boolean): AuditAction =>
  final ? `decision:${action}` : 'decision:approve_first_of_two';

/** The audit action of a reviewer's verdict on a hit. */
export const hitAuditAction = (disposition: HitDisposition): AuditAction => `hit:${disposition}`;

export const HistoryEntryDto = z.object({
  audit_id: z.number().int(),
  at: z.string(),
  /** The reviewer id (or `system` for the app's own steps; older rows: a Cloud user id). */
  actor: z.string(),
  /** The reviewer's display name at the time; history shows this, never a raw id. */
  actor_name: z.string().nullable(),
  actor_cloud_user_id: z.string().nullable(),
  action: AuditAction,
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  request_id: z.string().nullable(),
});
export type HistoryEntryDto = z.infer<typeof HistoryEntryDto>;
export const HistoryDto = z.object({ items: z.array(HistoryEntryDto) });
export type HistoryDto = z.infer<typeof HistoryDto>;
