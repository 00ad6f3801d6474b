import { z } from 'zod';
import { AssessmentBaseline, AssessmentChange, ChangeCause } from '@kyc-review/contracts';
import type { BaselineRecord, RecordedChange } from '../services/monitoring-record';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';

// What each decision was made on and what monitoring found since (migration 0005,
// docs/decisions/020-monitoring-and-rereview.md).

const BaselineRow = z.object({ decision_id: z.string(), baseline: z.string() });
const ChangeRow = z.object({
  change: z.string(),
  cause: ChangeCause,
  detected_at: z.string(),
  baseline_id: z.string(),
});
const IdRow = z.object({ identity_id: z.string() });

export type MonitoringRepository = ReturnType<typeof createMonitoringRepository>;

export function createMonitoringRepository(db: Db) {
  const getBaseline = db.prepare('SELECT decision_id, baseline FROM kyc_case_baselines WHERE case_id = ?');
  const saveBaseline =
    db.prepare(`INSERT INTO kyc_case_baselines (case_id, decision_id, baseline, at) VALUES (?, ?, ?, ?)
    ON CONFLICT (case_id) DO UPDATE SET decision_id = excluded.decision_id, baseline = excluded.baseline, at = excluded.at`);
  const hasChange = db.prepare(
    'SELECT 1 FROM kyc_case_changes WHERE case_id = ? AND baseline_id = ? AND change_key = ?',
  );
  const insertChange =
    db.prepare(`INSERT INTO kyc_case_changes (installed_app_id, case_id, baseline_id, change_key, change, cause, action_id, detected_at)
    VALUES (@install, @caseId, @baselineId, @key, @change, @cause, @actionId, @at) ON CONFLICT DO NOTHING`);
  const changes = db.prepare(`SELECT change, cause, detected_at, baseline_id FROM kyc_case_changes
    WHERE installed_app_id = ? AND case_id = ? AND baseline_id = ? ORDER BY change_id`);
  // Approved cases decided at a level before its cut-off time: the periodic reviews that fell due.
  const due = db.prepare(`SELECT identity_id FROM kyc_cases WHERE installed_app_id = @install AND status = 'approved'
      AND decided_at IS NOT NULL AND listed = 1 AND (
        (decided_level = 'high' AND decided_at <= @high) OR (decided_level = 'medium' AND decided_at <= @medium)
        OR (decided_level = 'low' AND decided_at <= @low))
      ORDER BY decided_at LIMIT @limit`);

  return {
    baseline(caseId: string): BaselineRecord | null {
      const raw = getBaseline.get(caseId);
      if (raw === undefined) return null;
      const r = BaselineRow.parse(raw);
      return {
        decisionId: r.decision_id,
        baseline: parseJsonColumn(AssessmentBaseline, r.baseline, 'kyc_case_baselines.baseline'),
      };
    },
    saveBaseline(caseId: string, decisionId: string, baseline: AssessmentBaseline, at: string): void {
      saveBaseline.run(caseId, decisionId, JSON.stringify(baseline), at);
    },
    hasChange(caseId: string, baselineId: string, key: string): boolean {
      return hasChange.get(caseId, baselineId, key) !== undefined;
    },
    /** False when the change was recorded already (its alert was planned then). */
    recordChange(c: {
      installedAppId: string;
      caseId: string;
      baselineId: string;
      change: AssessmentChange;
      cause: ChangeCause;
      actionId: string;
      at: string;
    }): boolean {
      const result = insertChange.run({
        install: c.installedAppId,
        caseId: c.caseId,
        baselineId: c.baselineId,
        key: c.change.key,
        change: JSON.stringify(c.change),
        cause: c.cause,
        actionId: c.actionId,
        at: c.at,
      });
      return result.changes === 1;
    },
    /** What changed since the decision `baselineId` stands for, oldest first. */
    changesSince(installedAppId: string, caseId: string, baselineId: string): RecordedChange[] {
      return changes.all(installedAppId, caseId, baselineId).map((raw) => {
        const r = ChangeRow.parse(raw);
        return {
          change: parseJsonColumn(AssessmentChange, r.change, 'kyc_case_changes.change'),
          cause: r.cause,
          detectedAt: r.detected_at,
          baselineId: r.baseline_id,
        };
      });
    },
    dueForReview(
      installedAppId: string,
      cutoffs: { high: string; medium: string; low: string },
      limit: number,
    ): string[] {
      return due.all({ install: installedAppId, ...cutoffs, limit }).map((raw) => IdRow.parse(raw).identity_id);
    },
  };
}
