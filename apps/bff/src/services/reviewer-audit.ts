import type { AuditAction } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { TxRepositories } from '../db/repositories';
import type { ActionContext } from './kyc-access';
import type { Actor } from './reviewer';
import type { Session } from './session';

export type ReviewerAudit = ReturnType<typeof createReviewerAudit>;

/**
 * The install's own audit trail of reviewers and sign-in (no case): one entry per change, by
 * whom, appended on `on` (the transaction of the change it records).
 */
export function createReviewerAudit({ clock }: { clock: Clock }) {
  return (
    on: TxRepositories,
    session: Session,
    actor: Actor,
    action: AuditAction,
    change: { before?: unknown; after: unknown },
    ctx: ActionContext,
  ): Promise<void> =>
    on.audit.append({
      installedAppId: session.installedAppId,
      identityId: null,
      caseId: null,
      actor,
      action,
      before: change.before ?? null,
      after: change.after,
      reason: null,
      requestId: ctx.requestId,
      at: clock.now().toISOString(),
    });
}
