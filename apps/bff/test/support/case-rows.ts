import type { Db } from '../../src/db/open-database';

// Rows written straight into the review tables: a hand-computed fixture for the dashboard
// test and 100 000 cases for its bench, without syncing them from Cloud first.

export type CaseRow = {
  readonly installedAppId: string;
  readonly identityId: string;
  readonly status: string;
  readonly riskLevel: 'low' | 'medium' | 'high';
  readonly createdAt: string;
  readonly openHits?: number;
  readonly listed?: boolean;
};

export function caseRowWriter(db: Db) {
  const cases =
    db.prepare(`INSERT INTO kyc_cases (case_id, installed_app_id, identity_id, status, version, display_name,
      search_text, identity_type, country, identity_created_at, listed, never_reviewed, risk_score, risk_level, top_reasons,
      open_hits, assessed_fingerprint, assessed_watchlist_version, assessed_settings_version, assessed_at, created_at, updated_at)
    VALUES (@caseId, @installedAppId, @identityId, @status, 1, @identityId, @identityId, 'individual', 'CA', @createdAt, @listed,
      0, @score, @riskLevel, '[]', @openHits, 'fp', 0, 0, @createdAt, @createdAt, @createdAt)`);
  const audit = db.prepare(`INSERT INTO kyc_audit (installed_app_id, identity_id, case_id, actor, action, before_state,
      after_state, reason, request_id, at) VALUES (?, NULL, NULL, ?, ?, NULL, NULL, NULL, NULL, ?)`);
  const outbox =
    db.prepare(`INSERT INTO kyc_outbox (installed_app_id, identity_id, case_id, action_id, kind, payload, state,
      created_at, updated_at) VALUES (?, 'idt_x', 'case_x', ?, 'metadata', '{}', ?, '2026-01-01', '2026-01-01')`);
  const verdict =
    db.prepare(`INSERT INTO hit_dispositions (installed_app_id, identity_id, entry_id, hit_id, disposition, hit,
      disposed_by, disposed_at) VALUES (?, ?, ?, 'hit_0000000000000000', ?, '{}', 'user_x', '2026-01-01')`);
  const score = { low: 0.1, medium: 0.5, high: 0.9 } as const;
  let actions = 0;
  return {
    case(row: CaseRow): void {
      cases.run({
        caseId: `case_${row.installedAppId}_${row.identityId}`,
        installedAppId: row.installedAppId,
        identityId: row.identityId,
        status: row.status,
        riskLevel: row.riskLevel,
        score: score[row.riskLevel],
        createdAt: row.createdAt,
        listed: row.listed === false ? 0 : 1,
        openHits: row.openHits ?? 0,
      });
    },
    audit(installedAppId: string, actor: string, action: string, at: string): void {
      audit.run(installedAppId, actor, action, at);
    },
    outbox(installedAppId: string, state: 'pending' | 'failing' | 'done'): void {
      actions += 1;
      outbox.run(installedAppId, `act_${String(actions)}`, state);
    },
    verdict(installedAppId: string, identityId: string, entryId: string, disposition: 'confirmed' | 'false_positive') {
      verdict.run(installedAppId, identityId, entryId, disposition);
    },
  };
}
