import { randomUUID } from 'node:crypto';
import type {
  CaseDetailDto,
  InfoReceivedBody,
  InfoRequestBody,
  InfoRequestDto,
  InfoRequestListDto,
} from '@kyc-review/contracts';
import { riskPoints } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import { ConflictError, NotFoundError } from '../errors';
import { requireMayActOn } from './assignment-rules';
import type { CaseService } from './case-service';
import { caseAtVersion } from './case-version';
import { requireWaitingForInformation } from './decision-guards';
import type { DecisionContext, DecisionService } from './decision-service';
import type { InfoRequestRecord } from './info-request-record';
import { actorOf, requireScope } from './kyc-access';
import { actorLabel } from './reviewer';
import type { Session } from './session';
import { alertStep, metadataStep } from './write-back-plan';

/** More asks than any case gathers. */
const REQUESTS_LIMIT = 100;

export type InfoRequestService = ReturnType<typeof createInfoRequestService>;

/**
 * Request information (issue 12, decision 021). Asking is the request_info decision (the
 * decision service records what was asked in its transaction); "received" puts the case back
 * in review with the customer's answer noted, audited, and the ledger's kyc_status written
 * back. The due date is the case's own, kept by the triggers of migration 0016.
 */
export function createInfoRequestService({
  kyc,
  clock,
  cases,
  decisions,
}: {
  kyc: KycRepositories;
  clock: Clock;
  cases: CaseService;
  decisions: DecisionService;
}) {
  const toDto = (r: InfoRequestRecord, dueAt: string | null, now: string): InfoRequestDto => {
    const due = r.received === null ? dueAt : null;
    return {
      request_id: r.requestId,
      text: r.text,
      items: [...r.items],
      asked_by: r.askedBy,
      asked_by_name: r.askedByName,
      asked_at: r.askedAt,
      due_at: due,
      overdue: due !== null && due < now,
      received_at: r.received?.at ?? null,
      received_by_name: r.received?.byName ?? null,
      answer: r.received?.answer ?? null,
    };
  };

  return {
    list(session: Session, identityId: string): InfoRequestListDto {
      requireScope(session, 'data:read');
      const kase = kyc.cases.get(session.installedAppId, identityId);
      if (kase === null) throw new NotFoundError('No such case.');
      const now = clock.now().toISOString();
      const waiting = kase.status === 'info_requested' ? kase.dueAt : null;
      return {
        items: kyc.infoRequests
          .forIdentity(session.installedAppId, identityId, REQUESTS_LIMIT)
          .map((r) => toDto(r, waiting, now)),
      };
    },

    /** Asks the customer: the request_info decision, with the items kept beside its note. */
    async request(
      session: Session,
      identityId: string,
      body: InfoRequestBody,
      ctx: DecisionContext,
    ): Promise<CaseDetailDto> {
      return decisions.decide(
        session,
        identityId,
        { action: 'request_info', note: body.text },
        { ...ctx, requestedItems: body.items },
      );
    },

    /** The customer answered: back in review, the answer on the request and in the history. */
    async received(
      session: Session,
      identityId: string,
      body: InfoReceivedBody,
      ctx: DecisionContext,
    ): Promise<CaseDetailDto> {
      requireScope(session, 'data:read');
      const install = session.installedAppId;
      const row = await cases.mirrored(session, identityId);
      kyc.transaction(() => {
        const kase = caseAtVersion(kyc, install, identityId, ctx.expectedVersion);
        const actor = actorOf(session);
        requireMayActOn(actor, kase);
        requireWaitingForInformation(kase);
        const now = clock.now();
        const at = now.toISOString();
        const actionId = `rcv_${randomUUID()}`;
        const applied = kyc.cases.applyDecision({
          installedAppId: install,
          identityId,
          expectedVersion: kase.version,
          status: 'in_review',
          pendingApproval: kase.pendingApproval,
          fourEyes: kase.fourEyes,
          lastDecision: null,
          lastActionId: actionId,
          at,
        });
        if (!applied) throw new ConflictError('Another change to this case was saved first. Reload it and try again.');
        const open = kyc.infoRequests.open(install, identityId);
        if (open !== null)
          kyc.infoRequests.markReceived({
            installedAppId: install,
            requestId: open.requestId,
            at,
            by: actor.reviewerId,
            byName: actor.displayName,
            answer: body.answer,
          });
        kyc.audit.append({
          installedAppId: install,
          identityId,
          caseId: kase.caseId,
          actor,
          action: 'case:info_received',
          before: { status: kase.status, version: kase.version, request_id: open?.requestId ?? null },
          after: { status: 'in_review', version: kase.version + 1, request_id: open?.requestId ?? null },
          reason: body.answer,
          requestId: ctx.requestId,
          at,
        });
        // The ledger said info_requested: it follows the case back into review.
        const target = { installedAppId: install, identityId, caseId: kase.caseId, actionId };
        const metadata = {
          kyc_status: 'in_review',
          kyc_risk_level: kase.assessment.risk.level,
          kyc_risk_score: riskPoints(kase.assessment.risk.score),
          kyc_reviewed_at: at,
          kyc_reviewed_by: actorLabel(actor),
          kyc_case_id: kase.caseId,
        };
        kyc.outbox.insert(metadataStep(target, metadata, session.grantedPermissions, now.getTime()), at);
        kyc.outbox.insert(alertStep(target, null, session.grantedPermissions, now.getTime()), at);
      });
      return cases.detail(session, row);
    },
  };
}
