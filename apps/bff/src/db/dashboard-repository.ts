import { z } from 'zod';
import { OPEN_STATUSES } from '@kyc-review/contracts';
import type { Db } from './open-database';

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

// The dashboard's figures from the tallies of migration 0013 (kept by triggers), so the
// whole dashboard stays well under 100 ms at 100 000 cases (bench/dashboard.ts).

const StatusRisk = z.object({ status: z.string(), risk_level: z.string(), n: z.number().int() });
const RiskDay = z.object({ risk_level: z.string(), created_day: z.string(), n: z.number().int() });
const DecisionTally = z.object({
  day: z.string(),
  outcome: z.string(),
  actor: z.string(),
  actor_name: z.string().nullable(),
  n: z.number().int(),
});
export type DecisionTally = z.infer<typeof DecisionTally>;
const Count = z.object({ n: z.number().int().nullable() });
const Verdicts = z.object({ verdicts: z.number().int(), false_positives: z.number().int().nullable() });
const StateCount = z.object({ state: z.string(), n: z.number().int() });

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;

export function createDashboardRepository(db: Db) {
  const statusRisk = db.prepare(`SELECT status, risk_level, SUM(n) AS n FROM kyc_case_tally
    WHERE installed_app_id = ? GROUP BY status, risk_level`);
  const openByDay = db.prepare(`SELECT risk_level, created_day, SUM(n) AS n FROM kyc_case_tally
    WHERE installed_app_id = ? AND status IN (${OPEN}) GROUP BY risk_level, created_day`);
  const withOpenHits = db.prepare(
    'SELECT SUM(n) AS n FROM kyc_case_tally WHERE installed_app_id = ? AND has_open_hits = 1',
  );
  // The reviewer's current display name; an actor from before reviewers existed has none.
  const decisions = db.prepare(`SELECT t.day, t.outcome, t.actor, r.display_name AS actor_name, t.n
    FROM kyc_decision_tally t
    LEFT JOIN reviewers r ON r.reviewer_id = t.actor AND r.installed_app_id = t.installed_app_id
    WHERE t.installed_app_id = ? AND t.day >= ?`);
  // Cases whose hits were all decided have no open hits but did have hits: the verdicts say so.
  const decidedOnly = db.prepare(`SELECT COUNT(DISTINCT d.identity_id) AS n FROM hit_dispositions d
    JOIN kyc_cases c ON c.installed_app_id = d.installed_app_id AND c.identity_id = d.identity_id
    WHERE d.installed_app_id = ? AND c.listed = 1 AND c.open_hits = 0`);
  const verdicts = db.prepare(`SELECT COUNT(*) AS verdicts, SUM(disposition = 'false_positive') AS false_positives
    FROM hit_dispositions WHERE installed_app_id = ?`);
  // A range of the due-date index (db/queue-schema.ts): cases nobody waits for are due 9999-12-31.
  const overdue = db.prepare(
    'SELECT COUNT(*) AS n FROM kyc_cases WHERE installed_app_id = ? AND listed = 1 AND due_at < ?',
  );
  const outbox = db.prepare(`SELECT state, COUNT(*) AS n FROM kyc_outbox
    WHERE installed_app_id = ? AND state IN ('pending', 'failing') GROUP BY state`);

  return {
    /** Listed cases per status and risk level. */
    byStatusRisk: (install: string) => statusRisk.all(install).map((r) => StatusRisk.parse(r)),
    /** Open cases per risk level and UTC day they entered the queue. */
    openByDay: (install: string) => openByDay.all(install).map((r) => RiskDay.parse(r)),
    /** Listed cases with at least one open hit. */
    withOpenHits: (install: string): number => Count.parse(withOpenHits.get(install)).n ?? 0,
    /** Decisions per UTC day, outcome and reviewer, from `sinceDay` (YYYY-MM-DD) on. */
    decisionTally: (install: string, sinceDay: string): DecisionTally[] =>
      decisions.all(install, sinceDay).map((r) => DecisionTally.parse(r)),
    /** Listed cases with no open hit but with at least one decided hit. */
    decidedHitsOnly: (install: string): number => Count.parse(decidedOnly.get(install)).n ?? 0,
    verdicts: (install: string) => Verdicts.parse(verdicts.get(install)),
    /** Listed cases past their due date at `now`. */
    overdue: (install: string, now: string): number => Count.parse(overdue.get(install, now)).n ?? 0,
    writeBacks: (install: string) => outbox.all(install).map((r) => StateCount.parse(r)),
  };
}
