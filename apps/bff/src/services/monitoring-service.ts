import { randomUUID } from 'node:crypto';
import type { AssessmentChange, ChangeCause, Permission } from '@kyc-review/contracts';
import { changesSince, ledgerBaseline, riskPoints } from '@kyc-review/kyc';
import type { Clock } from '../clock';
import { DECIDED_STATUSES, type CaseRecord } from './case-record';
import type { KycRepositories } from '../db/kyc-repositories';
import { LEDGER_BASELINE } from './monitoring-record';
import { reviewStateOf } from './review-state';
import type { SettingsService } from './settings-service';
import { alertStep, metadataStep, type KycMetadata } from './write-back-plan';

/** Periodic reviews opened per install and run; the rest wait for the next run. */
const DUE_BATCH = 500;

export type MonitoringDeps = {
  readonly kyc: KycRepositories;
  readonly clock: Clock;
  readonly settings: Pick<SettingsService, 'current'>;
  /** The install's granted scopes: monitoring runs without a session. */
  readonly grantsOf: (installedAppId: string) => readonly Permission[];
};

export type MonitoringService = ReturnType<typeof createMonitoringService>;

const monthsBefore = (date: Date, months: number) => {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
};

/**
 * Monitoring that acts (docs/product.md "Monitoring acts", docs/decisions/020): every new assessment of a decided
 * case is compared with the one its decision was made on; each change found is recorded
 * once, raises one Cloud alert through the outbox, and moves the case to needs_rereview
 * (the ledger gets kyc_status=needs_rereview). All of it runs inside the caller's
 * transaction, with the assessment it compares, so a crash leaves either both or neither.
 */
export function createMonitoringService({ kyc, clock, settings, grantsOf }: MonitoringDeps) {
  /** The changes not recorded yet for this baseline: each one raises an alert. */
  const unrecorded = (caseId: string, baselineId: string, changes: readonly AssessmentChange[]) =>
    changes.filter((c) => !kyc.monitoring.hasChange(caseId, baselineId, c.key));

  /**
   * What this assessment of a decided case shows that its decision did not, and was not
   * recorded yet; nothing for an undecided case. Reads only: the settings impact preview
   * asks it of assessments it never saves.
   */
  function pendingChanges(kase: CaseRecord): { baselineId: string; changes: AssessmentChange[] } {
    const stored = kyc.monitoring.baseline(kase.caseId);
    const baselineId = stored?.decisionId ?? LEDGER_BASELINE;
    if (!DECIDED_STATUSES.has(kase.status)) return { baselineId, changes: [] };
    const baseline = stored?.baseline ?? ledgerBaseline(kase.decidedLevel);
    const dispositions = kyc.dispositions.forIdentity(kase.installedAppId, kase.identityId);
    const changes = changesSince(baseline, reviewStateOf(kase, dispositions));
    return { baselineId, changes: unrecorded(kase.caseId, baselineId, changes) };
  }

  /** Records changes not recorded before and raises their alerts; returns how many there were. */
  function raise(kase: CaseRecord, baselineId: string, fresh: readonly AssessmentChange[], cause: ChangeCause) {
    const now = clock.now();
    const at = now.toISOString();
    const grants = grantsOf(kase.installedAppId);
    if (fresh.length === 0) return 0;
    const moves = kase.status !== 'needs_rereview';
    let firstActionId: string | null = null;
    for (const change of fresh) {
      const actionId = `chg_${randomUUID()}`;
      kyc.monitoring.recordChange({
        installedAppId: kase.installedAppId,
        caseId: kase.caseId,
        baselineId,
        change,
        cause,
        actionId,
        at,
      });
      const target = {
        installedAppId: kase.installedAppId,
        identityId: kase.identityId,
        caseId: kase.caseId,
        actionId,
      };
      // The status is written once, with the first change; the others only raise their alert.
      const metadata: KycMetadata | null =
        moves && firstActionId === null
          ? {
              kyc_status: 'needs_rereview',
              kyc_risk_level: kase.assessment.risk.level,
              kyc_risk_score: riskPoints(kase.assessment.risk.score),
              kyc_case_id: kase.caseId,
            }
          : null;
      firstActionId ??= actionId;
      const metaStep = metadataStep(target, metadata, grants, now.getTime());
      kyc.outbox.insert(metadata === null ? { ...metaStep, reason: null } : metaStep, at);
      kyc.outbox.insert(
        alertStep(
          target,
          {
            title: 'KYC review: re-review needed',
            description: `KYC case ${kase.caseId} changed since its decision (${kase.lastDecision?.statusAfter ?? kase.status}): ${change.summary}`,
          },
          grants,
          now.getTime(),
        ),
        at,
      );
    }
    kyc.cases.applyDecision({
      installedAppId: kase.installedAppId,
      identityId: kase.identityId,
      expectedVersion: kase.version,
      status: 'needs_rereview',
      pendingApproval: null,
      fourEyes: kase.fourEyes,
      lastDecision: null,
      lastActionId: firstActionId,
      at,
    });
    kyc.audit.append({
      installedAppId: kase.installedAppId,
      identityId: kase.identityId,
      caseId: kase.caseId,
      // No person acted: monitoring's rows name the system.
      actor: 'system',
      action: 'monitoring:needs_rereview',
      before: { status: kase.status, version: kase.version },
      after: {
        status: 'needs_rereview',
        version: kase.version + 1,
        cause,
        changes: fresh.map((c) => ({ kind: c.kind, summary: c.summary })),
      },
      reason: fresh.map((c) => c.summary).join(' '),
      requestId: null,
      at,
    });
    return fresh.length;
  }

  return {
    /** After a case was (re-)assessed: a decided case that changed since its decision needs a re-review. */
    afterAssessment(kase: CaseRecord, cause: ChangeCause): number {
      const { baselineId, changes } = pendingChanges(kase);
      return raise(kase, baselineId, changes, cause);
    },
    pendingChanges,
    /**
     * Periodic review: approved cases whose interval for the level they were approved at
     * has passed enter the queue as needs_rereview, with the reason, and raise an alert.
     */
    openDueReviews(installedAppId: string): number {
      const intervals = settings.current(installedAppId).settings.review_interval_months;
      const now = clock.now();
      const cutoffs = {
        high: monthsBefore(now, intervals.high),
        medium: monthsBefore(now, intervals.medium),
        low: monthsBefore(now, intervals.low),
      };
      let opened = 0;
      kyc.transaction(() => {
        for (const identityId of kyc.monitoring.dueForReview(installedAppId, cutoffs, DUE_BATCH)) {
          const kase = kyc.cases.get(installedAppId, identityId);
          if (kase?.decidedAt == null || kase.decidedLevel === null) continue;
          const months = intervals[kase.decidedLevel];
          const change: AssessmentChange = {
            kind: 'review_due',
            key: `review_due:${kase.decidedAt}`,
            summary: `Periodic review due: approved at ${kase.decidedLevel} risk on ${kase.decidedAt.slice(0, 10)}, reviewed every ${String(months)} months.`,
            level: kase.decidedLevel,
            decided_at: kase.decidedAt,
          };
          const baselineId = kyc.monitoring.baseline(kase.caseId)?.decisionId ?? LEDGER_BASELINE;
          opened +=
            raise(kase, baselineId, unrecorded(kase.caseId, baselineId, [change]), 'periodic_review') > 0 ? 1 : 0;
        }
      });
      return opened;
    },
  };
}
