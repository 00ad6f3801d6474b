import { z } from 'zod';
import { CaseStatus, ReviewerId, RiskLevel } from '@kyc-review/contracts';
import {
  decisionColumn,
  fourEyesColumn,
  pendingApprovalColumn,
  StoredDecision,
  StoredFourEyes,
  StoredPendingApproval,
} from './case-columns';
import { parseJsonColumn, parseNullableJsonColumn } from './json-column';
import type { Db } from './open-database';
import { NOT_DUE } from './queue-plan';
import {
  Assessment,
  DECIDED_STATUSES,
  type AssessmentStamp,
  type CaseRecord,
  type CaseSummary,
  type DecisionRecord,
  type FourEyesFlag,
  type PendingApproval,
} from '../services/case-record';

const Row = z.object({
  case_id: z.string(),
  installed_app_id: z.string(),
  identity_id: z.string(),
  status: CaseStatus,
  version: z.number().int(),
  assessment: z.string(),
  assessed_fingerprint: z.string(),
  assessed_watchlist_version: z.number().int(),
  assessed_settings_version: z.number().int(),
  assessed_at: z.string(),
  pending_approval: z.string().nullable(),
  four_eyes: z.string().nullable(),
  last_decision: z.string().nullable(),
  last_action_id: z.string().nullable(),
  assignee_id: z.union([z.literal(''), ReviewerId]),
  assignee_name: z.string().nullable(),
  assigned_at: z.string().nullable(),
  queue_reason: z.enum(['new', 'needs_rereview', 'periodic_review']),
  due_at: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  decided_at: z.string().nullable(),
  decided_level: RiskLevel.nullable(),
});

const StampRow = Row.pick({
  assessed_fingerprint: true,
  assessed_watchlist_version: true,
  assessed_settings_version: true,
  assessed_at: true,
});

function stampOf(r: z.infer<typeof StampRow>): AssessmentStamp {
  return {
    fingerprint: r.assessed_fingerprint,
    watchlistVersion: r.assessed_watchlist_version,
    settingsVersion: r.assessed_settings_version,
    assessedAt: r.assessed_at,
  };
}

export function toCaseRecord(raw: unknown): CaseRecord {
  const r = Row.parse(raw);
  return {
    caseId: r.case_id,
    installedAppId: r.installed_app_id,
    identityId: r.identity_id,
    status: r.status,
    version: r.version,
    assessment: parseJsonColumn(Assessment, r.assessment, 'kyc_cases.assessment'),
    stamp: stampOf(r),
    pendingApproval: parseNullableJsonColumn(StoredPendingApproval, r.pending_approval, 'kyc_cases.pending_approval'),
    fourEyes: parseNullableJsonColumn(StoredFourEyes, r.four_eyes, 'kyc_cases.four_eyes'),
    lastDecision: parseNullableJsonColumn(StoredDecision, r.last_decision, 'kyc_cases.last_decision'),
    lastActionId: r.last_action_id,
    assignee:
      r.assignee_id === ''
        ? null
        : {
            reviewerId: r.assignee_id,
            // A reviewer row is never deleted; the id stands in should one be missing.
            displayName: r.assignee_name ?? r.assignee_id,
            assignedAt: r.assigned_at ?? r.updated_at,
          },
    queueReason: r.queue_reason,
    dueAt: r.due_at === NOT_DUE ? null : r.due_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    decidedAt: r.decided_at,
    decidedLevel: r.decided_level,
  };
}

/** The columns the queue sorts and filters on, derived from the assessment. */
function queueColumns(assessment: Assessment, openHits: number) {
  return {
    risk_score: assessment.risk.score,
    risk_level: RiskLevel.parse(assessment.risk.level),
    top_reasons: JSON.stringify(assessment.risk.reasons.slice(0, 3).map((r) => r.label)),
    open_hits: openHits,
  };
}

const IdRow = z.object({ identity_id: z.string() });

function summaryColumns(s: CaseSummary) {
  return {
    display_name: s.displayName,
    search_text: s.searchText,
    identity_type: s.identityType,
    country: s.country,
    identity_created_at: s.createdAt,
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;

export function createCaseRepository(db: Db) {
  const get = db.prepare(`SELECT c.*, a.assessment, r.display_name AS assignee_name
    FROM kyc_cases c JOIN kyc_case_assessments a ON a.case_id = c.case_id
    LEFT JOIN reviewers r ON r.installed_app_id = c.installed_app_id AND r.reviewer_id = c.assignee_id
    WHERE c.installed_app_id = ? AND c.identity_id = ?`);
  const insertAssessment = db.prepare('INSERT INTO kyc_case_assessments (case_id, assessment) VALUES (?, ?)');
  const updateAssessment = db.prepare(`UPDATE kyc_case_assessments SET assessment = @assessment
    WHERE case_id = (SELECT case_id FROM kyc_cases WHERE installed_app_id = @installed_app_id AND identity_id = @identity_id)`);
  const insert =
    db.prepare(`INSERT INTO kyc_cases (case_id, installed_app_id, identity_id, status, version, display_name, search_text,
      identity_type, country, identity_created_at, listed, never_reviewed, risk_score, risk_level, top_reasons, open_hits,
      assessed_fingerprint, assessed_watchlist_version, assessed_settings_version, assessed_at, created_at, updated_at,
      decided_at, decided_level)
    VALUES (@case_id, @installed_app_id, @identity_id, @status, 1, @display_name, @search_text, @identity_type, @country, @identity_created_at,
      1, @never_reviewed, @risk_score, @risk_level, @top_reasons, @open_hits, @fingerprint, @watchlist_version, @settings_version,
      @assessed_at, @at, @at, @decided_at, @decided_level)
    ON CONFLICT (installed_app_id, identity_id) DO NOTHING`);
  const summary =
    db.prepare(`UPDATE kyc_cases SET display_name = @display_name, search_text = @search_text, identity_type = @identity_type,
      country = @country, identity_created_at = @identity_created_at, listed = 1,
      never_reviewed = CASE WHEN @kyc_status IS NULL AND last_decision IS NULL THEN 1 ELSE 0 END
    WHERE installed_app_id = @installed_app_id AND identity_id = @identity_id
      -- An unchanged summary (every re-sync) writes nothing: a rewrite would update each queue index.
      AND (display_name IS NOT @display_name OR search_text IS NOT @search_text OR identity_type IS NOT @identity_type
        OR country IS NOT @country OR identity_created_at IS NOT @identity_created_at OR listed IS NOT 1
        OR never_reviewed IS NOT (CASE WHEN @kyc_status IS NULL AND last_decision IS NULL THEN 1 ELSE 0 END))`);
  const stamp =
    db.prepare(`SELECT assessed_fingerprint, assessed_watchlist_version, assessed_settings_version, assessed_at
    FROM kyc_cases WHERE installed_app_id = ? AND identity_id = ?`);
  // A re-assessment changes what the checks say, not the case's decisions: no version bump.
  const reassess =
    db.prepare(`UPDATE kyc_cases SET risk_score = @risk_score, risk_level = @risk_level, top_reasons = @top_reasons,
      open_hits = @open_hits, assessed_fingerprint = @fingerprint, assessed_watchlist_version = @watchlist_version,
      assessed_settings_version = @settings_version, assessed_at = @assessed_at
    WHERE installed_app_id = @installed_app_id AND identity_id = @identity_id`);
  const stale = db.prepare(`SELECT identity_id FROM kyc_cases WHERE installed_app_id = @install AND identity_id > @after
      AND (assessed_watchlist_version <> @watchlist OR assessed_settings_version <> @settings) ORDER BY identity_id LIMIT @limit`);
  const decide =
    db.prepare(`UPDATE kyc_cases SET status = @status, version = version + 1, pending_approval = @pending_approval, four_eyes = @four_eyes,
      never_reviewed = CASE WHEN @last_decision IS NULL THEN never_reviewed ELSE 0 END,
      last_decision = COALESCE(@last_decision, last_decision), last_action_id = COALESCE(@last_action_id, last_action_id), updated_at = @at
    WHERE installed_app_id = @installed_app_id AND identity_id = @identity_id AND version = @version`);

  const decided = db.prepare(
    'UPDATE kyc_cases SET decided_at = @at, decided_level = @level WHERE installed_app_id = @install AND identity_id = @id',
  );

  return {
    get(installedAppId: string, identityId: string): CaseRecord | null {
      const raw = get.get(installedAppId, identityId);
      return raw === undefined ? null : toCaseRecord(raw);
    },
    /** Creates the case unless one exists (a concurrent sync may have made it first). */
    insert(c: {
      caseId: string;
      installedAppId: string;
      identityId: string;
      status: CaseStatus;
      summary: CaseSummary;
      assessment: Assessment;
      openHits: number;
      stamp: AssessmentStamp;
      at: string;
    }): void {
      const inserted = insert.run({
        case_id: c.caseId,
        installed_app_id: c.installedAppId,
        identity_id: c.identityId,
        status: c.status,
        ...summaryColumns(c.summary),
        never_reviewed: c.summary.kycStatus === null ? 1 : 0,
        ...queueColumns(c.assessment, c.openHits),
        fingerprint: c.stamp.fingerprint,
        watchlist_version: c.stamp.watchlistVersion,
        settings_version: c.stamp.settingsVersion,
        assessed_at: c.stamp.assessedAt,
        at: c.at,
        // Decided in the ledger before the app saw it: its review clock starts at the ledger's time.
        decided_at: DECIDED_STATUSES.has(c.status) ? (c.summary.kycReviewedAt ?? c.at) : null,
        decided_level: DECIDED_STATUSES.has(c.status) ? (c.summary.kycRiskLevel ?? c.assessment.risk.level) : null,
      });
      // A concurrent sync may have created the case first: keep its assessment.
      if (inserted.changes === 1) insertAssessment.run(c.caseId, JSON.stringify(c.assessment));
    },
    /** What the case's assessment was computed from (null: no case), without reading the case. */
    stamp(installedAppId: string, identityId: string): AssessmentStamp | null {
      const raw = stamp.get(installedAppId, identityId);
      if (raw === undefined) return null;
      return stampOf(StampRow.parse(raw));
    },
    /** The identity as last seen in Cloud; it is listed in the queue again if it had left. */
    saveSummary(installedAppId: string, identityId: string, s: CaseSummary): void {
      summary.run({
        installed_app_id: installedAppId,
        identity_id: identityId,
        ...summaryColumns(s),
        kyc_status: s.kycStatus,
      });
    },
    saveAssessment(
      installedAppId: string,
      identityId: string,
      assessment: Assessment,
      openHits: number,
      stamp: AssessmentStamp,
    ): void {
      reassess.run({
        installed_app_id: installedAppId,
        identity_id: identityId,
        ...queueColumns(assessment, openHits),
        fingerprint: stamp.fingerprint,
        watchlist_version: stamp.watchlistVersion,
        settings_version: stamp.settingsVersion,
        assessed_at: stamp.assessedAt,
      });
      updateAssessment.run({
        installed_app_id: installedAppId,
        identity_id: identityId,
        assessment: JSON.stringify(assessment),
      });
    },
    /** Ids of cases assessed with another watchlist or settings version than these, in id order. */
    staleIds(
      installedAppId: string,
      versions: { watchlist: number; settings: number },
      afterId: string,
      limit: number,
    ): string[] {
      return stale
        .all({ install: installedAppId, after: afterId, limit, ...versions })
        .map((raw) => IdRow.parse(raw).identity_id);
    },
    /** Applies a decision only if nobody else moved the case on since `expectedVersion`. */
    applyDecision(u: {
      installedAppId: string;
      identityId: string;
      expectedVersion: number;
      status: CaseStatus;
      pendingApproval: PendingApproval | null;
      fourEyes: FourEyesFlag | null;
      lastDecision: DecisionRecord | null;
      lastActionId: string | null;
      at: string;
    }): boolean {
      const result = decide.run({
        installed_app_id: u.installedAppId,
        identity_id: u.identityId,
        version: u.expectedVersion,
        status: u.status,
        pending_approval: pendingApprovalColumn(u.pendingApproval),
        four_eyes: fourEyesColumn(u.fourEyes),
        last_decision: decisionColumn(u.lastDecision),
        last_action_id: u.lastActionId,
        at: u.at,
      });
      return result.changes === 1;
    },
    /** A final decision's time and risk level: periodic review counts from them. */
    markDecided(installedAppId: string, identityId: string, at: string, level: RiskLevel): void {
      decided.run({ install: installedAppId, id: identityId, at, level });
    },
  };
}
