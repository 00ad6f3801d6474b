import { randomUUID } from 'node:crypto';
import {
  decisionAuditAction,
  type CaseDetailDto,
  type DecisionBody,
  type DecisionDto,
  type PendingApprovalDto,
} from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { CaseRecord } from '../db/case-repository';
import type { KycRepositories } from '../db/kyc-repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { CaseService } from './case-service';
import { allowedActions, nextStatus, raisesAlert } from './decision-rules';
import { actorOf, requireScope, type ActionContext } from './kyc-access';
import { FourEyesRequiredError, InvalidTransitionError } from './review-errors';
import type { Session } from './session';
import { alertStep, metadataStep, type AlertPayload, type KycMetadata } from './write-back-plan';

export type DecisionContext = ActionContext & {
  /** The case version the reviewer saw (If-Match); null to decide on whatever is current. */
  readonly expectedVersion: number | null;
};

type Outcome = { status: CaseRecord['status']; pendingApproval: PendingApprovalDto | null; final: boolean };

export type DecisionService = ReturnType<typeof createDecisionService>;

/**
 * Decisions (docs/product.md step 4): the state machine, four eyes on high-risk approvals,
 * and one SQLite transaction per decision holding the case update, its audit row and
 * its outbox rows, so an acknowledged decision is never lost (decisions 011, 012).
 */
export function createDecisionService({
  kyc,
  clock,
  cases,
}: {
  kyc: KycRepositories;
  clock: Clock;
  cases: CaseService;
}) {
  function outcomeOf(session: Session, kase: CaseRecord, body: DecisionBody, at: string): Outcome {
    const next = nextStatus(kase.status, body.action);
    if (next === null) throw new InvalidTransitionError(kase.status, body.action, allowedActions(kase.status));
    if (body.action !== 'approve' || kase.assessment.risk.level !== 'high')
      return { status: next, pendingApproval: null, final: true };
    // Four eyes: the first approval of a high-risk case waits for a second, different reviewer.
    if (session.userId === null)
      throw new FourEyesRequiredError(
        'A high-risk approval needs a reviewer identified by Cloud (user_id); relaunch the app from Blnk Cloud.',
      );
    const first = kase.pendingApproval;
    if (first === null)
      return {
        status: 'in_review',
        pendingApproval: { first_reviewer: session.userId, approved_at: at, note: body.note ?? null },
        final: false,
      };
    if (first.first_reviewer === session.userId) throw new FourEyesRequiredError();
    return { status: next, pendingApproval: null, final: true };
  }

  function alertFor(body: DecisionBody, kase: CaseRecord, actor: string): AlertPayload | null {
    if (!raisesAlert(body.action)) return null;
    const verb = body.action === 'reject' ? 'rejected' : 'escalated';
    const reason = body.reason_code === undefined ? '' : ` (${body.reason_code})`;
    return {
      title: `KYC review: identity ${verb}`,
      description:
        `KYC case ${kase.caseId} ${verb}${reason} by ${actor}, risk ${kase.assessment.risk.level} ${kase.assessment.risk.score.toFixed(2)}: ${body.note ?? ''}`.trim(),
    };
  }

  return {
    async decide(
      session: Session,
      identityId: string,
      body: DecisionBody,
      ctx: DecisionContext,
    ): Promise<CaseDetailDto> {
      requireScope(session, 'data:read');
      const install = session.installedAppId;
      // Makes sure the case exists (a first decision may come before the queue synced it).
      const row = await cases.mirrored(session, identityId);
      kyc.transaction(() => {
        const kase = kyc.cases.get(install, identityId);
        if (kase === null) throw new NotFoundError('No such case.');
        if (ctx.expectedVersion !== null && ctx.expectedVersion !== kase.version) {
          throw new ConflictError('The case changed since you opened it. Reload it and decide again.', {
            current_version: kase.version,
          });
        }
        const now = clock.now();
        const at = now.toISOString();
        const actor = actorOf(session);
        const outcome = outcomeOf(session, kase, body, at);
        const decisionId = `dec_${randomUUID()}`;
        const decision: DecisionDto = {
          decision_id: decisionId,
          action: body.action,
          reason_code: body.reason_code ?? null,
          note: body.note ?? null,
          decided_by: actor,
          decided_at: at,
          status_after: outcome.status,
        };
        const applied = kyc.cases.applyDecision({
          installedAppId: install,
          identityId,
          expectedVersion: kase.version,
          status: outcome.status,
          pendingApproval: outcome.pendingApproval,
          lastDecision: decision,
          lastActionId: decisionId,
          at,
        });
        if (!applied)
          throw new ConflictError('Another decision on this case was saved first. Reload it and decide again.');
        kyc.audit.append({
          installedAppId: install,
          identityId,
          caseId: kase.caseId,
          actor,
          action: decisionAuditAction(body.action, outcome.final),
          before: { status: kase.status, pending_approval: kase.pendingApproval, version: kase.version },
          after: {
            status: outcome.status,
            pending_approval: outcome.pendingApproval,
            version: kase.version + 1,
            decision_id: decisionId,
            risk: kase.assessment.risk.level,
          },
          reason: [body.reason_code, body.note].filter((part) => part !== undefined).join(': ') || null,
          requestId: ctx.requestId,
          at,
        });
        const metadata: KycMetadata | null = outcome.final
          ? {
              kyc_status: outcome.status,
              kyc_risk_level: kase.assessment.risk.level,
              kyc_risk_score: kase.assessment.risk.score,
              kyc_reviewed_at: at,
              kyc_reviewed_by: actor,
              kyc_case_id: kase.caseId,
            }
          : null;
        const target = { installedAppId: install, identityId, caseId: kase.caseId, actionId: decisionId };
        kyc.outbox.insert(metadataStep(target, metadata, session.grantedPermissions, now.getTime()), at);
        kyc.outbox.insert(
          alertStep(target, alertFor(body, kase, actor), session.grantedPermissions, now.getTime()),
          at,
        );
      });
      return cases.detail(install, row);
    },
  };
}
