import { randomUUID } from 'node:crypto';
import {
  hitAuditAction,
  type CaseDetailDto,
  type HitDispositionBody,
  type HitReversalBody,
  type WatchlistHit,
} from '@kyc-review/contracts';
import { riskPoints } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import type { HitDispositionRecord } from '../db/hit-disposition-repository';
import type { KycRepositories } from '../db/kyc-repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { AssessmentService } from './assessment-service';
import type { CaseService } from './case-service';
import { requireMayActOn } from './assignment-rules';
import { actorOf, requireRoleOf, requireScope, type ActionContext } from './kyc-access';
import { actorLabel } from './reviewer';
import type { Session } from './session';
import { alertStep, metadataStep } from './write-back-plan';

export type HitDispositionService = ReturnType<typeof createHitDispositionService>;

/** How the history names a hit: which entry, on which list. */
const hitRef = (hit: WatchlistHit, hitId: string) => ({
  hit_id: hitId,
  entry_id: hit.entry.entry_id,
  entry_name: hit.entry.name,
  list: hit.entry.list,
  score: hit.score,
});
const verdictOf = (d: HitDispositionRecord | undefined) =>
  d === undefined
    ? { disposition: 'open' }
    : {
        disposition: d.disposition,
        reason_code: d.reasonCode,
        note: d.note,
        by: d.disposedBy,
        by_name: d.disposedByName,
        at: d.disposedAt,
      };

/**
 * A reviewer's verdict on a watchlist hit: disposition, reason code and note. A false
 * positive is remembered per identity and entry and never raised again; a confirmed hit
 * raises an alert in Cloud through the outbox, in the same transaction as the verdict and
 * its audit row. A verdict stands until a lead reverses it (decision 020).
 */
export function createHitDispositionService({
  kyc,
  clock,
  cases,
  assessment,
}: {
  kyc: KycRepositories;
  clock: Clock;
  cases: CaseService;
  assessment: AssessmentService;
}) {
  /** The hit on this case (current, or remembered with its verdict); 404 when it is not this case's. */
  function findHit(install: string, identityId: string, hitId: string) {
    const kase = kyc.cases.get(install, identityId);
    if (kase === null) throw new NotFoundError('No such case.');
    const earlier = kyc.dispositions.forIdentity(install, identityId).find((d) => d.hitId === hitId);
    const current = kase.assessment.hits.find((h) => h.hit_id === hitId);
    const hit = current ?? earlier?.hit;
    if (hit === undefined) throw new NotFoundError('No such hit on this case.');
    // A verdict is kept per entry: another alias of a decided entry carries that verdict.
    const decided =
      earlier ?? kyc.dispositions.forIdentity(install, identityId).find((d) => d.entryId === hit.entry.entry_id);
    return { kase, hit, decided };
  }

  return {
    async dispose(
      session: Session,
      identityId: string,
      hitId: string,
      body: HitDispositionBody,
      ctx: ActionContext,
    ): Promise<CaseDetailDto> {
      requireScope(session, 'data:read');
      const install = session.installedAppId;
      const row = await cases.mirrored(session, identityId);
      kyc.transaction(() => {
        const { kase, hit, decided } = findHit(install, identityId, hitId);
        if (decided !== undefined)
          throw new ConflictError(
            `This hit was already marked ${decided.disposition.replace('_', ' ')}; a lead can reverse the verdict.`,
            { disposition: decided.disposition },
          );
        const now = clock.now();
        const at = now.toISOString();
        const actor = actorOf(session);
        requireMayActOn(actor, kase);
        kyc.dispositions.save(install, identityId, {
          entryId: hit.entry.entry_id,
          hitId,
          disposition: body.disposition,
          hit,
          disposedBy: actor.reviewerId,
          disposedByName: actor.displayName,
          disposedAt: at,
          reasonCode: body.reason_code,
          note: body.note,
        });
        kyc.audit.append({
          installedAppId: install,
          identityId,
          caseId: kase.caseId,
          actor,
          action: hitAuditAction(body.disposition),
          before: { ...hitRef(hit, hitId), disposition: 'open' },
          after: {
            ...hitRef(hit, hitId),
            disposition: body.disposition,
            reason_code: body.reason_code,
            risk_level_at_verdict: kase.assessment.risk.level,
          },
          reason: `${body.reason_code}: ${body.note}`,
          requestId: ctx.requestId,
          at,
        });
        if (body.disposition === 'confirmed') {
          const actionId = `hcf_${randomUUID()}`;
          const target = { installedAppId: install, identityId, caseId: kase.caseId, actionId };
          const alert = {
            title: 'KYC review: watchlist match confirmed',
            description: `KYC case ${kase.caseId}: ${actorLabel(actor)} confirmed a match with ${hit.entry.name} on ${hit.entry.list} (match ${String(riskPoints(hit.score))}%): ${body.note}`,
          };
          kyc.outbox.insert(
            { ...metadataStep(target, null, session.grantedPermissions, now.getTime()), reason: null },
            at,
          );
          kyc.outbox.insert(alertStep(target, alert, session.grantedPermissions, now.getTime()), at);
          kyc.cases.applyDecision({
            installedAppId: install,
            identityId,
            expectedVersion: kase.version,
            status: kase.status,
            pendingApproval: kase.pendingApproval,
            fourEyes: kase.fourEyes,
            lastDecision: null,
            lastActionId: actionId,
            at,
          });
        } else if (kase.assessment.risk.level === 'high' && kase.fourEyes === null) {
          // A dismissal. Dismissing hits may drop the risk below high: the dismisser can never be the only
          // approver, so the case keeps needing two approvals whatever its risk becomes (decision 017).
          kyc.cases.applyDecision({
            installedAppId: install,
            identityId,
            expectedVersion: kase.version,
            status: kase.status,
            pendingApproval: kase.pendingApproval,
            fourEyes: {
              reason: 'hits_dismissed_at_high_risk',
              reviewerId: actor.reviewerId,
              reviewerName: actor.displayName,
              at,
            },
            lastDecision: null,
            lastActionId: null,
            at,
          });
        }
        // The verdict changes the hits the risk counts: re-assess now.
        assessment.ensureCase(row, { force: true, cause: 'rescreening' });
      });
      return cases.detail(session, row);
    },
    /**
     * A lead reverses a verdict, with a reason: the hit is open again and the history shows
     * the verdict before and the open hit after. An alert raised by a confirmation stays in
     * Cloud (it records what was believed then).
     */
    async reverse(
      session: Session,
      identityId: string,
      hitId: string,
      body: HitReversalBody,
      ctx: ActionContext,
    ): Promise<CaseDetailDto> {
      requireScope(session, 'data:read');
      const lead = requireRoleOf(session, 'lead');
      const install = session.installedAppId;
      const row = await cases.mirrored(session, identityId);
      kyc.transaction(() => {
        const { kase, hit, decided } = findHit(install, identityId, hitId);
        if (decided === undefined) throw new ConflictError('This hit has no verdict to reverse.');
        kyc.dispositions.remove(install, identityId, decided.entryId);
        kyc.audit.append({
          installedAppId: install,
          identityId,
          caseId: kase.caseId,
          actor: lead,
          action: 'hit:verdict_reversed',
          before: { ...hitRef(hit, hitId), ...verdictOf(decided) },
          after: { ...hitRef(hit, hitId), disposition: 'open' },
          reason: body.note,
          requestId: ctx.requestId,
          at: clock.now().toISOString(),
        });
        assessment.ensureCase(row, { force: true, cause: 'rescreening' });
      });
      return cases.detail(session, row);
    },
  };
}
