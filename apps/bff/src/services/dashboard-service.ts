import {
  AGEING_BUCKETS,
  CaseStatus,
  DECISIONS_DAYS,
  OPEN_STATUSES,
  REVIEWER_DAYS,
  RiskLevel,
  type DashboardDto,
} from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { InstallCloudClient } from '../cloud/cloud-client';
import type { KycRepositories } from '../db/kyc-repositories';
import type { IdentitySyncService } from './identity-sync-service';
import { requireScope } from './kyc-access';
import type { Session } from './session';

const DAY_MS = 86_400_000;
const OPEN = new Set<string>(OPEN_STATUSES);

/** Midnight UTC of the day `days` before today's. */
const dayStart = (now: Date, daysBack: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysBack * DAY_MS);

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export type DashboardService = ReturnType<typeof createDashboardService>;

/** The lead's dashboard (issue 12): backlog, ageing, outcomes, screening, write-backs, reviewers. */
export function createDashboardService({
  kyc,
  clock,
  sync,
  cloudFor,
}: {
  kyc: KycRepositories;
  clock: Clock;
  sync: IdentitySyncService;
  cloudFor: (session: Session) => InstallCloudClient;
}) {
  return {
    get(session: Session): DashboardDto {
      requireScope(session, 'data:read');
      const install = session.installedAppId;
      // The landing page: a first launch reads Cloud's identities from here, as the queue does.
      sync.ensureStarted(install, cloudFor(session));
      const now = clock.now();
      const nowIso = now.toISOString();

      const today = dayStart(now, 0).getTime();
      const byStatus = new Map<string, number>(CaseStatus.options.map((s) => [s, 0]));
      const byRisk = new Map<string, number>(RiskLevel.options.map((r) => [r, 0]));
      const buckets = AGEING_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
      let listed = 0;
      for (const row of kyc.dashboard.byStatusRisk(install)) {
        listed += row.n;
        byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.n);
        if (OPEN.has(row.status)) byRisk.set(row.risk_level, (byRisk.get(row.risk_level) ?? 0) + row.n);
      }
      for (const row of kyc.dashboard.openByDay(install)) {
        // Days in the queue, counted in whole UTC days since the day the case was created.
        const days = Math.max(0, Math.round((today - Date.parse(`${row.created_day}T00:00:00.000Z`)) / DAY_MS));
        const bucket = buckets[AGEING_BUCKETS.findIndex((b) => b.max_days === null || days <= b.max_days)];
        if (bucket !== undefined) bucket.count += row.n;
      }

      const first = dayStart(now, DECISIONS_DAYS - 1);
      const days: DashboardDto['decisions_per_day'] = Array.from({ length: DECISIONS_DAYS }, (_, i) => ({
        day: new Date(first.getTime() + i * DAY_MS).toISOString().slice(0, 10),
        counts: {},
        total: 0,
      }));
      const dayIndex = new Map(days.map((d, i) => [d.day, i]));
      const reviewerSince = dayStart(now, REVIEWER_DAYS - 1)
        .toISOString()
        .slice(0, 10);
      const byReviewer = new Map<string, { name: string | null; open: number; n: number }>();
      for (const row of kyc.assignment.openAssigned(install))
        byReviewer.set(row.assignee_id, { name: row.display_name, open: row.n, n: 0 });
      for (const row of kyc.dashboard.decisionTally(install, first.toISOString().slice(0, 10))) {
        const day = days[dayIndex.get(row.day) ?? -1];
        if (day === undefined) continue;
        day.counts[row.outcome] = (day.counts[row.outcome] ?? 0) + row.n;
        day.total += row.n;
        if (row.day < reviewerSince) continue;
        const seen = byReviewer.get(row.actor);
        byReviewer.set(row.actor, { name: row.actor_name, open: seen?.open ?? 0, n: (seen?.n ?? 0) + row.n });
      }

      const withHits = kyc.dashboard.withOpenHits(install) + kyc.dashboard.decidedHitsOnly(install);
      const verdicts = kyc.dashboard.verdicts(install);
      const falsePositives = verdicts.false_positives ?? 0;
      const writeBacks = new Map(kyc.dashboard.writeBacks(install).map((r) => [r.state, r.n]));
      const reviewers = [...byReviewer]
        .map(([id, r]) => ({ reviewer_id: id, display_name: r.name, open_assigned: r.open, decisions_7d: r.n }))
        .sort(
          (a, b) =>
            b.open_assigned - a.open_assigned ||
            b.decisions_7d - a.decisions_7d ||
            (a.display_name ?? a.reviewer_id).localeCompare(b.display_name ?? b.reviewer_id),
        );

      return {
        generated_at: nowIso,
        backlog: {
          by_status: CaseStatus.options.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
          by_risk: RiskLevel.options.map((risk_level) => ({ risk_level, count: byRisk.get(risk_level) ?? 0 })),
          open: [...byRisk.values()].reduce((a, b) => a + b, 0),
        },
        ageing: { buckets, overdue: kyc.dashboard.overdue(install, nowIso) },
        decisions_per_day: days,
        screening: {
          listed,
          with_hits: withHits,
          hit_rate: rate(withHits, listed),
          verdicts: verdicts.verdicts,
          false_positives: falsePositives,
          false_positive_rate: rate(falsePositives, verdicts.verdicts),
        },
        write_backs: { pending: writeBacks.get('pending') ?? 0, failing: writeBacks.get('failing') ?? 0 },
        reviewers,
        syncing: sync.isSyncing(install),
      };
    },
  };
}
