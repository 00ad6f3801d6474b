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
import type { TxRepositories } from '../db/repositories';
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
  repos,
  clock,
  sync,
  cloudFor,
}: {
  /** The dashboard's reads on either engine (decision 022). */
  repos: Pick<TxRepositories, 'dashboard'>;
  clock: Clock;
  sync: IdentitySyncService;
  cloudFor: (session: Session) => InstallCloudClient;
}) {
  return {
    async get(session: Session): Promise<DashboardDto> {
      requireScope(session, 'data:read');
      const install = session.installedAppId;
      // The landing page: a first launch reads Cloud's identities from here, as the queue does.
      sync.ensureStarted(install, cloudFor(session));
      const now = clock.now();
      const nowIso = now.toISOString();
      const { dashboard } = repos;
      const first = dayStart(now, DECISIONS_DAYS - 1);
      // Independent reads; on PostgreSQL they run side by side on the pool.
      const [statusRisk, openByDay, assigned, decisions, openHits, decidedOnly, verdicts, writeBacks, overdue] =
        await Promise.all([
          dashboard.byStatusRisk(install),
          dashboard.openByDay(install),
          dashboard.openAssigned(install),
          dashboard.decisionTally(install, first.toISOString().slice(0, 10)),
          dashboard.withOpenHits(install),
          dashboard.decidedHitsOnly(install),
          dashboard.verdicts(install),
          dashboard.writeBacks(install),
          dashboard.overdue(install, nowIso),
        ]);

      const today = dayStart(now, 0).getTime();
      const byStatus = new Map<string, number>(CaseStatus.options.map((s) => [s, 0]));
      const byRisk = new Map<string, number>(RiskLevel.options.map((r) => [r, 0]));
      const buckets = AGEING_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
      let listed = 0;
      for (const row of statusRisk) {
        listed += row.count;
        byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.count);
        if (OPEN.has(row.status)) byRisk.set(row.riskLevel, (byRisk.get(row.riskLevel) ?? 0) + row.count);
      }
      for (const row of openByDay) {
        // Days in the queue, counted in whole UTC days since the day the case was created.
        const days = Math.max(0, Math.round((today - Date.parse(`${row.createdDay}T00:00:00.000Z`)) / DAY_MS));
        const bucket = buckets[AGEING_BUCKETS.findIndex((b) => b.max_days === null || days <= b.max_days)];
        if (bucket !== undefined) bucket.count += row.count;
      }

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
      for (const row of assigned) byReviewer.set(row.reviewerId, { name: row.displayName, open: row.count, n: 0 });
      for (const row of decisions) {
        const day = days[dayIndex.get(row.day) ?? -1];
        if (day === undefined) continue;
        day.counts[row.outcome] = (day.counts[row.outcome] ?? 0) + row.count;
        day.total += row.count;
        if (row.day < reviewerSince) continue;
        const seen = byReviewer.get(row.actor);
        byReviewer.set(row.actor, { name: row.actorName, open: seen?.open ?? 0, n: (seen?.n ?? 0) + row.count });
      }

      const withHits = openHits + decidedOnly;
      const falsePositives = verdicts.falsePositives;
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
        ageing: { buckets, overdue },
        decisions_per_day: days,
        screening: {
          listed,
          with_hits: withHits,
          hit_rate: rate(withHits, listed),
          verdicts: verdicts.verdicts,
          false_positives: falsePositives,
          false_positive_rate: rate(falsePositives, verdicts.verdicts),
        },
        write_backs: writeBacks,
        reviewers,
        syncing: sync.isSyncing(install),
      };
    },
  };
}
