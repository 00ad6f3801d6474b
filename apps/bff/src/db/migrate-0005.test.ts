import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate';
import { openDatabase } from './open-database';

// 0005 rebuilds kyc_cases (SQLite cannot change a CHECK in place): cases decided before
// it keep their rows, assessments and decision, and gain the decision's time and level.
describe('migration 0005 (needs_rereview)', () => {
  it('keeps existing cases and their assessments, and accepts the new status', () => {
    const db = openDatabase(':memory:');
    const all = loadMigrations();
    migrate(
      db,
      all.filter((m) => m.version <= 4),
    );
    db.exec(`INSERT INTO kyc_cases (case_id, installed_app_id, identity_id, status, display_name, search_text, identity_type,
      country, identity_created_at, never_reviewed, risk_score, risk_level, top_reasons, open_hits, assessed_fingerprint,
      assessed_watchlist_version, assessed_settings_version, assessed_at, last_decision, created_at, updated_at)
      VALUES ('case_1', 'ia_1', 'idt_1', 'approved', 'Ada', 'ada', 'individual', 'GB', '2026-01-01', 0, 0.1, 'low', '[]', 0,
      'fp', 1, 0, '2026-01-02', '{"decided_at":"2026-01-03T00:00:00.000Z"}', '2026-01-01', '2026-01-03');
      INSERT INTO kyc_case_assessments (case_id, assessment) VALUES ('case_1', '{"checks":[]}');`);
    migrate(db, all);
    expect(db.prepare('SELECT status, decided_at, decided_level FROM kyc_cases').get()).toEqual({
      status: 'approved',
      decided_at: '2026-01-03T00:00:00.000Z',
      decided_level: 'low',
    });
    expect(db.prepare('SELECT assessment FROM kyc_case_assessments').get()).toEqual({ assessment: '{"checks":[]}' });
    db.exec("UPDATE kyc_cases SET status = 'needs_rereview'");
    expect(() => db.exec("UPDATE kyc_cases SET status = 'closed'")).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
