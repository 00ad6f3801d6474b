import { randomUUID } from 'node:crypto';
import {
  decisionAuditAction,
  type AuditAction,
  type CaseDetailDto,
  type DecisionBody,
  type OverrideBody,
} from '@kyc-review/contracts';
import { baselineOf, riskPoints } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { CaseRecord, DecisionRecord, FourEyesFlag, OverrideRecord, PendingApproval } from './case-record';
import { toFourEyesDto, toPendingApprovalDto } from './case-dto';
import type { KycRepositories } from '../db/kyc-repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { CaseService } from './case-service';
import { caseAtVersion } from './case-version';
import { requireMayActOn } from './assignment-rules';
import { needsTwoApprovals } from './decision-rules';
import {
  requireNothingBlocks,
  requireSecondApprover,
  requireSomethingToOverride,
  requireTransition,
} from './decision-guards';
import { actorOf, requireFreshSecondFactor, requireRoleOf, requireScope, type ActionContext } from './kyc-access';
import { actorLabel, type Actor } from './reviewer';
import { reviewStateOf } from './review-state';
import type { Session } from './session';
import { alertFor } from './decision-alert';
import { alertStep, metadataStep, type AlertPayload, type KycMetadata } from './write-back-plan';

export type DecisionContext = ActionContext & {
  /** The case version the reviewer saw (If-Match); null to decide on whatever is current. */
  readonly expectedVersion: number | null;
  /** Checked in the decision's transaction before the guardrails (bulk: low risk); throws to refuse. */
  readonly precondition?: (kase: CaseRecord, actor: Actor) => void;
  /** The bulk approval this decision is one of: its audit row says so. */
  readonly bulkId?: string;
  /** What a request_info decision asks for, item by item (the note says what is missing). */
  readonly requestedItems?: readonly string[];
};

type Outcome = {
  status: CaseRecord['status'];
  pendingApproval: PendingApproval | null;
  fourEyes: FourEyesFlag | null;
  final: boolean;
};

/** One decision as `apply` records it: a reviewer's action, or a lead's override (an approval). */
type Step = {
  action: DecisionBody['action'];
  reasonCode: NonNullable<DecisionBody['reason_code']> | null;
  note: string | null;
  override: OverrideRecord | null;
  alert: (kase: CaseRecord, actor: Actor) => AlertPayload | null;
};

export type DecisionService = ReturnType<typeof createDecisionService>;

/**
 * Decisions (docs/product.md step 4): the state machine, the approval guardrails (blockers, a
 * lead's override), four eyes on high-risk approvals, and one SQLite transaction per
 * decision holding the case update, its audit row, its outbox rows and the baseline
 * monitoring compares later assessments with (decisions 011, 012, 020).
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
  /**
   * The guardrails, then four eyes by person, not by score (docs/product.md "The rules a
   * decision follows", decision 017): a case needs two approvers when it is high risk now,
   * when a first approval is pending, or when it was flagged earlier (a high-risk first
   * approval, hits dismissed at high risk): the flag sticks whatever the risk becomes, until
   * the completing approval. The second approver is a different reviewer (by reviewer id:
   * devices and launches do not matter) with role lead or admin. A lead's override is one of
   * the two approvals.
   */
  function outcomeOf(session: Session, actor: Actor, kase: CaseRecord, step: Step, at: string): Outcome {
    // The checks are decision-guards.ts's, in the order case-actions.ts offers them (decision 014).
    const next = requireTransition(kase.status, step.action);
    if (step.action !== 'approve') return { status: next, pendingApproval: null, fourEyes: kase.fourEyes, final: true };
    if (step.override === null)
      requireNothingBlocks(kase, kyc.dispositions.forIdentity(kase.installedAppId, kase.identityId));
    const first = kase.pendingApproval;
    if (!needsTwoApprovals(kase)) return { status: next, pendingApproval: null, fourEyes: null, final: true };
    if (first === null) {
      const fourEyes: FourEyesFlag = kase.fourEyes ?? {
        reason: 'high_risk_approval',
        reviewerId: actor.reviewerId,
        reviewerName: actor.displayName,
        at,
      };
      return {
        status: 'in_review',
        pendingApproval: {
          firstReviewerId: actor.reviewerId,
          firstReviewerName: actor.displayName,
          approvedAt: at,
          note: step.note,
          override: step.override,
        },
        fourEyes,
        final: false,
      };
    }
    requireSecondApprover(actor, kase);
    // A second approval is a sensitive action: the lead's second factor must be fresh (step-up).
    requireFreshSecondFactor(session, clock.now().getTime());
    return { status: next, pendingApproval: null, fourEyes: null, final: true };
  }

  function auditActionOf(step: Step, final: boolean): AuditAction {
    if (step.override === null) return decisionAuditAction(step.action, final);
    return final ? 'decision:override' : 'decision:override_first_of_two';
  }

  async function apply(session: Session, identityId: string, step: Step, ctx: DecisionContext) {
    requireScope(session, 'data:read');
    const install = session.installedAppId;
    // Makes sure the case exists (a first decision may come before the queue synced it).
    const row = await cases.mirrored(session, identityId);
    kyc.transaction(() => {
      const kase = caseAtVersion(kyc, install, identityId, ctx.expectedVersion);
      const now = clock.now();
      const at = now.toISOString();
      const actor = actorOf(session);
      requireMayActOn(actor, kase);
      ctx.precondition?.(kase, actor);
      const outcome = outcomeOf(session, actor, kase, step, at);
      const decisionId = `dec_${randomUUID()}`;
      const override = step.override ?? (outcome.final ? (kase.pendingApproval?.override ?? null) : null);
      const decision: DecisionRecord = {
        decisionId,
        action: step.action,
        reasonCode: step.reasonCode,
        note: step.note,
        decidedBy: actor.reviewerId,
        decidedByName: actor.displayName,
        decidedAt: at,
        statusAfter: outcome.status,
        override,
      };
      const applied = kyc.cases.applyDecision({
        installedAppId: install,
        identityId,
        expectedVersion: kase.version,
        status: outcome.status,
        pendingApproval: outcome.pendingApproval,
        fourEyes: outcome.fourEyes,
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
        action: auditActionOf(step, outcome.final),
        before: {
          status: kase.status,
          pending_approval: toPendingApprovalDto(kase.pendingApproval),
          four_eyes: toFourEyesDto(kase.fourEyes),
          version: kase.version,
        },
        after: {
          status: outcome.status,
          pending_approval: toPendingApprovalDto(outcome.pendingApproval),
          four_eyes: toFourEyesDto(outcome.fourEyes),
          version: kase.version + 1,
          decision_id: decisionId,
          risk: kase.assessment.risk.level,
          ...(step.override === null ? {} : { overridden_blockers: step.override.blockers }),
          ...(ctx.bulkId === undefined ? {} : { bulk_id: ctx.bulkId }),
          ...(ctx.requestedItems === undefined ? {} : { requested_items: ctx.requestedItems }),
        },
        reason:
          [step.override?.reasonCode ?? step.reasonCode, step.note].filter((part) => part != null).join(': ') || null,
        requestId: ctx.requestId,
        at,
      });
      // What was asked is kept with the decision that asked; "received" answers it (decision 021).
      if (step.action === 'request_info')
        kyc.infoRequests.insert({
          requestId: `irq_${randomUUID()}`,
          installedAppId: install,
          identityId,
          caseId: kase.caseId,
          decisionId,
          text: step.note ?? '',
          items: ctx.requestedItems ?? [],
          askedBy: actor.reviewerId,
          askedByName: actor.displayName,
          askedAt: at,
        });
      if (outcome.final && step.action !== 'reopen') {
        // What this decision was made on: monitoring compares every later assessment with it.
        const dispositions = kyc.dispositions.forIdentity(install, identityId);
        kyc.monitoring.saveBaseline(kase.caseId, decisionId, baselineOf(reviewStateOf(kase, dispositions)), at);
        kyc.cases.markDecided(install, identityId, at, kase.assessment.risk.level);
      }
      const metadata: KycMetadata | null = outcome.final
        ? {
            kyc_status: outcome.status,
            kyc_risk_level: kase.assessment.risk.level,
            kyc_risk_score: riskPoints(kase.assessment.risk.score),
            kyc_reviewed_at: at,
            kyc_reviewed_by: actorLabel(actor),
            kyc_case_id: kase.caseId,
          }
        : null;
      const target = { installedAppId: install, identityId, caseId: kase.caseId, actionId: decisionId };
      kyc.outbox.insert(metadataStep(target, metadata, session.grantedPermissions, now.getTime()), at);
      kyc.outbox.insert(alertStep(target, step.alert(kase, actor), session.grantedPermissions, now.getTime()), at);
    });
    return cases.detail(session, row);
  }

  return {
    async decide(
      session: Session,
      identityId: string,
      body: DecisionBody,
      ctx: DecisionContext,
    ): Promise<CaseDetailDto> {
      return apply(
        session,
        identityId,
        {
          action: body.action,
          reasonCode: body.reason_code ?? null,
          note: body.note ?? null,
          override: null,
          alert: (kase, actor) => alertFor(body, kase, actor),
        },
        ctx,
      );
    },
    /**
     * A lead approves over the blockers, with a reason code and a note: its own audited
     * step (a sensitive one: the second factor must be fresh), and one of the two approvals
     * where four eyes applies.
     */
    async override(
      session: Session,
      identityId: string,
      body: OverrideBody,
      ctx: DecisionContext,
    ): Promise<CaseDetailDto> {
      requireScope(session, 'data:read');
      const lead = requireRoleOf(session, 'lead');
      requireFreshSecondFactor(session, clock.now().getTime());
      const install = session.installedAppId;
      await cases.mirrored(session, identityId);
      const kase = kyc.cases.get(install, identityId);
      if (kase === null) throw new NotFoundError('No such case.');
      const blockers = requireSomethingToOverride(kase, kyc.dispositions.forIdentity(install, identityId));
      const override: OverrideRecord = {
        reasonCode: body.reason_code,
        note: body.note,
        by: lead.reviewerId,
        byName: lead.displayName,
        at: clock.now().toISOString(),
        blockers,
      };
      return apply(
        session,
        identityId,
        { action: 'approve', reasonCode: null, note: body.note, override, alert: () => null },
        ctx,
      );
    },
  };
}
