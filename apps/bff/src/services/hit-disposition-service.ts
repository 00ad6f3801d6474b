import { randomUUID } from 'node:crypto';
import { hitAuditAction, type CaseDetailDto, type HitDispositionBody } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import { NotFoundError } from '../errors';
import type { AssessmentService } from './assessment-service';
import type { CaseService } from './case-service';
import { requireMayActOn } from './assignment-rules';
import { actorOf, requireScope, type ActionContext } from './kyc-access';
import { actorLabel } from './reviewer';
import type { Session } from './session';
import { alertStep, metadataStep } from './write-back-plan';

export type HitDispositionService = ReturnType<typeof createHitDispositionService>;

/**
 * A reviewer's verdict on a watchlist hit. A false positive is remembered per identity
 * and entry and never raised again; a confirmed hit raises an alert in Cloud through
 * the outbox, in the same transaction as the verdict and its audit row.
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
        const kase = kyc.cases.get(install, identityId);
        if (kase === null) throw new NotFoundError('No such case.');
        const earlier = kyc.dispositions.forIdentity(install, identityId).find((d) => d.hitId === hitId);
        const hit = kase.assessment.hits.find((h) => h.hit_id === hitId) ?? earlier?.hit;
        if (hit === undefined) throw new NotFoundError('No such hit on this case.');
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
        });
        kyc.audit.append({
          installedAppId: install,
          identityId,
          caseId: kase.caseId,
          actor,
          action: hitAuditAction(body.disposition),
          before: { hit_id: hitId, entry_id: hit.entry.entry_id, disposition: earlier?.disposition ?? 'open' },
          after: {
            hit_id: hitId,
            entry_id: hit.entry.entry_id,
            disposition: body.disposition,
            score: hit.score,
            list: hit.entry.list,
            risk_level_at_verdict: kase.assessment.risk.level,
          },
          reason: body.note ?? null,
          requestId: ctx.requestId,
          at,
        });
        if (body.disposition === 'confirmed' && earlier?.disposition !== 'confirmed') {
          const actionId = `hcf_${randomUUID()}`;
          const target = { installedAppId: install, identityId, caseId: kase.caseId, actionId };
          const alert = {
            title: 'KYC review: watchlist match confirmed',
            description: `KYC case ${kase.caseId}: ${actorLabel(actor)} confirmed a match with ${hit.entry.name} on ${hit.entry.list} (score ${hit.score.toFixed(2)}).`,
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
        } else if (
          body.disposition === 'false_positive' &&
          kase.assessment.risk.level === 'high' &&
          kase.fourEyes === null
        ) {
          // Dismissing hits may drop the risk below high: the dismisser can never be the only
          // approver, so the case keeps needing two approvals whatever its risk becomes (decision 017).
          kyc.cases.applyDecision({
            installedAppId: install,
            identityId,
            expectedVersion: kase.version,
            status: kase.status,
            pendingApproval: kase.pendingApproval,
            fourEyes: {
              reason: 'hits_dismissed_at_high_risk',
              reviewer_id: actor.reviewerId,
              reviewer_name: actor.displayName,
              at,
            },
            lastDecision: null,
            lastActionId: null,
            at,
          });
        }
        // The verdict changes the hits the risk counts: re-assess now.
        assessment.ensureCase(row, { force: true });
      });
      return cases.detail(install, row);
    },
  };
}
