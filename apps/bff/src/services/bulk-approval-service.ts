import { randomUUID } from 'node:crypto';
import type {
  BulkApprovalBody,
  BulkApprovalSelection,
  BulkPreviewDto,
  BulkPreviewItem,
  BulkRefusal,
  BulkResultDto,
  BulkResultItem,
} from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import { AppError } from '../errors';
import { describeError, type Logger } from '../logging/logger';
import type { CaseRecord } from './case-record';
import type { DecisionService } from './decision-service';
import { allowedActionsOf } from './case-actions';
import { needsTwoApprovals } from './decision-rules';
import { actorOf, requireScope, secondFactorFresh, type ActionContext } from './kyc-access';
import { displayName } from './mirrored-identity';
import type { Actor } from './reviewer';
import { StepUpRequiredError } from './reviewer-errors';
import type { Session } from './session';

/** A case a bulk approval leaves alone, and why; thrown inside the decision's transaction. */
class BulkRefusedError extends Error {
  constructor(readonly refusal: BulkRefusal) {
    super(refusal.message);
  }
}

const refusalOf = (error: AppError): BulkRefusal => ({ code: error.code, message: error.message });

export type BulkApprovalService = ReturnType<typeof createBulkApprovalService>;

/**
 * Bulk approval (issue 12, decision 021): the queue's low-risk cases with nothing blocking
 * them, approved through the decision service one case at a time, so four eyes, the
 * assignment rule, the guardrails, the audit row and the outbox hold for each as if decided
 * alone. Each case is its own transaction: a refusal or a failure leaves the others decided
 * and itself untouched.
 */
export function createBulkApprovalService({
  kyc,
  clock,
  logger,
  decisions,
}: {
  kyc: KycRepositories;
  clock: Clock;
  logger: Logger;
  decisions: DecisionService;
}) {
  /**
   * Why `actor` may not approve this case in bulk now (null: eligible): the single approval's
   * own offer (case-actions.ts), with what bulk adds, low risk, after whom the case belongs to
   * and whether its status allows an approval.
   */
  function refusalFor(session: Session, actor: Actor, kase: CaseRecord): BulkRefusal | null {
    const approve = allowedActionsOf({
      actor,
      kase,
      dispositions: kyc.dispositions.forIdentity(kase.installedAppId, kase.identityId),
      secondFactorFresh: secondFactorFresh(session, clock.now().getTime()),
    }).approve;
    const [first] = approve.blockers;
    if (first?.code === 'assigned_to_other' || first?.code === 'invalid_transition') return first;
    const level = kase.assessment.risk.level;
    if (level !== 'low')
      return { code: 'not_low_risk', message: `The case is ${level} risk: only low-risk cases are approved in bulk.` };
    if (first !== undefined) return first;
    return approve.step_up ? refusalOf(new StepUpRequiredError()) : null;
  }

  const nameOf = (install: string, identityId: string): string | null => {
    const row = kyc.mirror.get(install, identityId);
    return row === null ? null : displayName(row.record);
  };

  function previewItem(session: Session, actor: Actor, identityId: string): BulkPreviewItem {
    const install = session.installedAppId;
    const kase = kyc.cases.get(install, identityId);
    const name = nameOf(install, identityId);
    if (kase === null)
      return {
        identity_id: identityId,
        display_name: name,
        version: 0,
        expected: null,
        refusal: { code: 'not_found', message: 'No such case in this queue.' },
      };
    const refusal = refusalFor(session, actor, kase);
    const completes = kase.pendingApproval !== null || !needsTwoApprovals(kase);
    return {
      identity_id: identityId,
      display_name: name,
      version: kase.version,
      expected: refusal === null ? (completes ? 'approved' : 'first_approval_recorded') : null,
      refusal,
    };
  }

  return {
    /** What a bulk approval of these cases would do, before anything is decided. */
    preview(session: Session, selection: BulkApprovalSelection): BulkPreviewDto {
      requireScope(session, 'data:read');
      const actor = actorOf(session);
      const items = selection.identity_ids.map((id) => previewItem(session, actor, id));
      return { eligible: items.filter((i) => i.refusal === null), ineligible: items.filter((i) => i.refusal !== null) };
    },

    /** Approves each case as the reviewer confirmed it, in order; the result says what became of each. */
    async approve(session: Session, body: BulkApprovalBody, ctx: ActionContext): Promise<BulkResultDto> {
      requireScope(session, 'data:read');
      const actor = actorOf(session);
      const install = session.installedAppId;
      const bulkId = `blk_${randomUUID()}`;
      const items: BulkResultItem[] = [];
      for (const { identity_id: identityId, version } of body.cases) {
        const name = nameOf(install, identityId);
        const refused = (refusal: BulkRefusal): BulkResultItem => ({
          identity_id: identityId,
          display_name: name,
          outcome: 'refused',
          refusal,
        });
        if (kyc.cases.get(install, identityId) === null) {
          items.push(refused({ code: 'not_found', message: 'No such case in this queue.' }));
          continue;
        }
        try {
          const dto = await decisions.decide(
            session,
            identityId,
            { action: 'approve' },
            {
              requestId: ctx.requestId,
              expectedVersion: version,
              bulkId,
              precondition: (kase) => {
                const refusal = refusalFor(session, actor, kase);
                if (refusal !== null) throw new BulkRefusedError(refusal);
              },
            },
          );
          const outcome = dto.case.status === 'approved' ? 'approved' : 'first_approval_recorded';
          items.push({ identity_id: identityId, display_name: name, outcome, refusal: null });
        } catch (error) {
          if (error instanceof BulkRefusedError) items.push(refused(error.refusal));
          else if (error instanceof AppError && error.code === 'conflict')
            items.push(
              refused({
                code: 'conflict',
                message: 'The case changed after the selection was checked: open it to decide.',
              }),
            );
          else if (error instanceof AppError) items.push(refused(refusalOf(error)));
          else {
            // Not this reviewer's doing: said per case, logged once, and the run goes on.
            logger.error('bulk approval: a case failed', {
              installed_app_id: install,
              bulk_id: bulkId,
              ...describeError(error),
            });
            items.push(refused({ code: 'internal_error', message: 'This case could not be approved: try it alone.' }));
          }
        }
      }
      const count = (outcome: BulkResultItem['outcome']) => items.filter((i) => i.outcome === outcome).length;
      return {
        bulk_id: bulkId,
        items,
        approved: count('approved'),
        first_approvals: count('first_approval_recorded'),
        refused: count('refused'),
      };
    },
  };
}
