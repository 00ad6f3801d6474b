import { z } from 'zod';
import { OPEN_STATUSES } from '@kyc-review/contracts';
import type {
  DecisionTally,
  OpenAssignedTally,
  OpenDayTally,
  StatusRiskTally,
  VerdictTally,
  WriteBackTally,
} from '../services/dashboard-record';
import { countOf } from './sql/rows';
import type { SqlExecutor } from './sql/sql';

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

// The dashboard's figures on either engine (decision 022), from the tallies of migration 0013
// (kept by triggers on both), so the whole dashboard stays well under 100 ms at 100 000 cases
// (bench/dashboard.ts). Sums are cast to INTEGER: PostgreSQL's SUM of a BIGINT is a NUMERIC.

const StatusRisk = z.object({ status: z.string(), risk_level: z.string(), n: z.number().int() });
const RiskDay = z.object({ risk_level: z.string(), created_day: z.string(), n: z.number().int() });
const Decision = z.object({
  day: z.string(),
  outcome: z.string(),
  actor: z.string(),
  actor_name: z.string().nullable(),
  n: z.number().int(),
});
const Assigned = z.object({ assignee_id: z.string(), display_name: z.string().nullable(), n: z.number().int() });
const Sum = z.object({ n: z.number().int().nullable() });
const Verdicts = z.object({ verdicts: z.number().int(), false_positives: z.number().int().nullable() });
const StateCount = z.object({ state: z.enum(['pending', 'failing']), n: z.number().int() });

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;

export function createDashboardRepository(sql: SqlExecutor) {
  const sum = async (text: string, params: (string | number)[]) => Sum.parse(await sql.one(text, params)).n ?? 0;
  return {
    /** Listed cases per status and risk level. */
    async byStatusRisk(install: string): Promise<StatusRiskTally[]> {
      const rows = await sql.all(
        `SELECT status, risk_level, CAST(SUM(n) AS INTEGER) AS n FROM kyc_case_tally
        WHERE installed_app_id = ? GROUP BY status, risk_level`,
        [install],
      );
      return rows.map((raw) => {
        const r = StatusRisk.parse(raw);
        return { status: r.status, riskLevel: r.risk_level, count: r.n };
      });
    },
    /** Open cases per risk level and UTC day they entered the queue. */
    async openByDay(install: string): Promise<OpenDayTally[]> {
      const rows = await sql.all(
        `SELECT risk_level, created_day, CAST(SUM(n) AS INTEGER) AS n FROM kyc_case_tally
        WHERE installed_app_id = ? AND status IN (${OPEN}) GROUP BY risk_level, created_day`,
        [install],
      );
      return rows.map((raw) => {
        const r = RiskDay.parse(raw);
        return { riskLevel: r.risk_level, createdDay: r.created_day, count: r.n };
      });
    },
    /** Listed cases with at least one open hit. */
    withOpenHits: (install: string): Promise<number> =>
      sum('SELECT CAST(SUM(n) AS INTEGER) AS n FROM kyc_case_tally WHERE installed_app_id = ? AND has_open_hits = 1', [
        install,
      ]),
    /** Decisions per UTC day, outcome and reviewer, from `sinceDay` (YYYY-MM-DD) on. */
    async decisionTally(install: string, sinceDay: string): Promise<DecisionTally[]> {
      // The reviewer's current display name; an actor from before reviewers existed has none.
      const rows = await sql.all(
        `SELECT t.day, t.outcome, t.actor, r.display_name AS actor_name, CAST(t.n AS INTEGER) AS n
        FROM kyc_decision_tally t
        LEFT JOIN reviewers r ON r.reviewer_id = t.actor AND r.installed_app_id = t.installed_app_id
        WHERE t.installed_app_id = ? AND t.day >= ?`,
        [install, sinceDay],
      );
      return rows.map((raw) => {
        const r = Decision.parse(raw);
        return { day: r.day, outcome: r.outcome, actor: r.actor, actorName: r.actor_name, count: r.n };
      });
    },
    /** Open listed cases per assignee, with the assignee's name (migration 0015). */
    async openAssigned(install: string): Promise<OpenAssignedTally[]> {
      const rows = await sql.all(
        `SELECT c.assignee_id, r.display_name, c.n FROM
          (SELECT installed_app_id, assignee_id, CAST(COUNT(*) AS INTEGER) AS n FROM kyc_cases
            WHERE installed_app_id = ? AND listed = 1 AND assignee_id <> '' AND status IN (${OPEN})
            GROUP BY installed_app_id, assignee_id) c
        LEFT JOIN reviewers r ON r.installed_app_id = c.installed_app_id AND r.reviewer_id = c.assignee_id`,
        [install],
      );
      return rows.map((raw) => {
        const r = Assigned.parse(raw);
        return { reviewerId: r.assignee_id, displayName: r.display_name, count: r.n };
      });
    },
    /** Listed cases with no open hit but with at least one decided hit (their hits were all decided). */
    async decidedHitsOnly(install: string): Promise<number> {
      return countOf(
        await sql.one(
          `SELECT CAST(COUNT(DISTINCT d.identity_id) AS INTEGER) AS n FROM hit_dispositions d
          JOIN kyc_cases c ON c.installed_app_id = d.installed_app_id AND c.identity_id = d.identity_id
          WHERE d.installed_app_id = ? AND c.listed = 1 AND c.open_hits = 0`,
          [install],
        ),
      );
    },
    async verdicts(install: string): Promise<VerdictTally> {
      const r = Verdicts.parse(
        await sql.one(
          `SELECT CAST(COUNT(*) AS INTEGER) AS verdicts,
            CAST(SUM(CASE WHEN disposition = 'false_positive' THEN 1 ELSE 0 END) AS INTEGER) AS false_positives
          FROM hit_dispositions WHERE installed_app_id = ?`,
          [install],
        ),
      );
      return { verdicts: r.verdicts, falsePositives: r.false_positives ?? 0 };
    },
    /** Listed cases past their due date at `now`: a range of the due-date index (cases nobody waits for are due 9999-12-31). */
    async overdue(install: string, now: string): Promise<number> {
      return countOf(
        await sql.one(
          'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM kyc_cases WHERE installed_app_id = ? AND listed = 1 AND due_at < ?',
          [install, now],
        ),
      );
    },
    async writeBacks(install: string): Promise<WriteBackTally> {
      const rows = await sql.all(
        `SELECT state, CAST(COUNT(*) AS INTEGER) AS n FROM kyc_outbox
        WHERE installed_app_id = ? AND state IN ('pending', 'failing') GROUP BY state`,
        [install],
      );
      const by = new Map(rows.map((raw) => StateCount.parse(raw)).map((r) => [r.state, r.n]));
      return { pending: by.get('pending') ?? 0, failing: by.get('failing') ?? 0 };
    },
  };
}
