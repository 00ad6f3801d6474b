import { DEFAULT_DUE_DAYS } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrate } from './migrate';
import { openDatabase } from './open-database';

// 0016's triggers: the due date of every path that moves a case, and the defaults that stand
// in for an install without settings (they must equal the contracts' DEFAULT_DUE_DAYS).
const Due = z.object({ queue_reason: z.string(), queue_entered_at: z.string(), due_at: z.string() });

function setUp() {
  const db = openDatabase(':memory:');
  migrate(db);
  const insert =
    db.prepare(`INSERT INTO kyc_cases (case_id, installed_app_id, identity_id, status, display_name, search_text,
    identity_type, country, identity_created_at, never_reviewed, risk_score, risk_level, top_reasons, open_hits,
    assessed_fingerprint, assessed_watchlist_version, assessed_settings_version, assessed_at, created_at, updated_at)
    VALUES (@id, 'ia_1', @id, @status, 'Ada', 'ada', 'individual', 'GB', '2026-01-01', 1, 0.1, @level, '[]', 0,
    'fp', 1, 0, '2026-01-01', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z')`);
  const due = (id: string) =>
    Due.parse(db.prepare('SELECT queue_reason, queue_entered_at, due_at FROM kyc_cases WHERE case_id = ?').get(id));
  return { db, insert, due };
}

describe('migration 0016 (due dates)', () => {
  it('uses the contracts’ default days for every risk level of a new case and while information is awaited', () => {
    const { db, insert, due } = setUp();
    for (const level of ['high', 'medium', 'low'] as const) {
      insert.run({ id: `c_${level}`, status: 'new', level });
      expect(due(`c_${level}`).due_at).toBe(
        new Date(Date.parse('2026-11-01T10:00:00.000Z') + DEFAULT_DUE_DAYS.new[level] * 86_400_000).toISOString(),
      );
      db.prepare(
        "UPDATE kyc_cases SET status = 'info_requested', updated_at = '2026-11-02T10:00:00.000Z' WHERE case_id = ?",
      ).run(`c_${level}`);
      expect(due(`c_${level}`).due_at).toBe(
        new Date(
          Date.parse('2026-11-02T10:00:00.000Z') + DEFAULT_DUE_DAYS.info_requested[level] * 86_400_000,
        ).toISOString(),
      );
    }
    db.close();
  });

  it('an approved case reopened by its periodic review is due as a periodic review', () => {
    const { db, insert, due } = setUp();
    insert.run({ id: 'c_1', status: 'approved', level: 'low' });
    expect(due('c_1').due_at).toBe('9999-12-31T23:59:59.999Z');
    db.prepare(
      `INSERT INTO kyc_case_changes (installed_app_id, case_id, baseline_id, change_key, change, cause, action_id, detected_at)
      VALUES ('ia_1', 'c_1', 'dec_1', 'review_due:x', '{}', 'periodic_review', 'chg_1', '2029-11-01T10:00:00.000Z')`,
    ).run();
    db.prepare(
      "UPDATE kyc_cases SET status = 'needs_rereview', updated_at = '2029-11-01T10:00:00.000Z' WHERE case_id = 'c_1'",
    ).run();
    expect(due('c_1')).toEqual({
      queue_reason: 'periodic_review',
      queue_entered_at: '2029-11-01T10:00:00.000Z',
      due_at: '2029-11-11T10:00:00.000Z',
    });
    // Any other way back is a re-review.
    insert.run({ id: 'c_2', status: 'rejected', level: 'high' });
    db.prepare(
      "UPDATE kyc_cases SET status = 'in_review', updated_at = '2026-11-05T10:00:00.000Z' WHERE case_id = 'c_2'",
    ).run();
    expect(due('c_2')).toMatchObject({ queue_reason: 'needs_rereview', due_at: '2026-11-07T10:00:00.000Z' });
    db.close();
  });
});
