import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../src/db/sql/sql';
import { ENGINES } from '../support/storage-engines';

// The schema's triggers (due dates, dashboard tallies, retention) ported to PostgreSQL do
// what SQLite's do: the same writes give the same rows on both engines.

const CASE_COLUMNS = `case_id, installed_app_id, identity_id, status, display_name, search_text, identity_type, country,
  identity_created_at, never_reviewed, risk_score, risk_level, top_reasons, open_hits, assessed_fingerprint,
  assessed_watchlist_version, assessed_settings_version, assessed_at, created_at, updated_at`;

async function insertCase(db: SqlDatabase, caseId: string, risk: 'low' | 'medium' | 'high', createdAt: string) {
  await db.run(
    `INSERT INTO kyc_cases (${CASE_COLUMNS}) VALUES (?, 'instapp_1', ?, 'new', 'Ada', 'ada', 'individual', 'GB',
      ?, 1, 10, ?, '[]', 1, 'fp', 1, 1, ?, ?, ?)`,
    [caseId, `idt_${caseId}`, createdAt, risk, createdAt, createdAt, createdAt],
  );
}

const dueOf = async (db: SqlDatabase, caseId: string) =>
  db.one('SELECT queue_reason, queue_entered_at, due_at FROM kyc_cases WHERE case_id = ?', [caseId]);

describe.each(ENGINES)('schema triggers on $name', (engine) => {
  let db: SqlDatabase;
  beforeEach(async () => {
    db = await engine.open();
  });
  afterEach(() => db.close());

  it('computes due dates from the risk level, the reason and the install policy', async () => {
    await insertCase(db, 'case_a', 'high', '2026-12-01T10:00:00.000Z');
    expect(await dueOf(db, 'case_a')).toEqual({
      queue_reason: 'new',
      queue_entered_at: '2026-12-01T10:00:00.000Z',
      due_at: '2026-12-03T10:00:00.000Z',
    });

    // Asking the customer restarts the clock, with that reason's days.
    await db.run(`UPDATE kyc_cases SET status = 'info_requested', updated_at = ? WHERE case_id = 'case_a'`, [
      '2026-12-02T08:30:00.000Z',
    ]);
    expect(await dueOf(db, 'case_a')).toMatchObject({
      queue_entered_at: '2026-12-02T08:30:00.000Z',
      due_at: '2026-12-07T08:30:00.000Z',
    });

    // Approved: due never; back from approved: needs re-review from the time it came back.
    await db.run(`UPDATE kyc_cases SET status = 'approved', updated_at = ? WHERE case_id = 'case_a'`, [
      '2026-12-03T00:00:00.000Z',
    ]);
    expect(await dueOf(db, 'case_a')).toMatchObject({ due_at: '9999-12-31T23:59:59.999Z' });
    await db.run(`UPDATE kyc_cases SET status = 'needs_rereview', updated_at = ? WHERE case_id = 'case_a'`, [
      '2026-12-04T00:00:00.000Z',
    ]);
    expect(await dueOf(db, 'case_a')).toEqual({
      queue_reason: 'needs_rereview',
      queue_entered_at: '2026-12-04T00:00:00.000Z',
      due_at: '2026-12-06T00:00:00.000Z',
    });

    // A policy of the install applies to its open cases at once.
    const settings = JSON.stringify({ due_days: { needs_rereview: { high: 1.5 } } });
    await db.run(
      `INSERT INTO kyc_settings (installed_app_id, settings, version, updated_at, updated_by)
       VALUES ('instapp_1', ?, 1, '2026-12-04T00:00:00.000Z', 'rvw_1')`,
      [settings],
    );
    expect(await dueOf(db, 'case_a')).toMatchObject({ due_at: '2026-12-05T12:00:00.000Z' });
  });

  it('keeps the dashboard tallies in step with every case and decision written', async () => {
    await insertCase(db, 'case_a', 'high', '2026-12-01T10:00:00.000Z');
    await insertCase(db, 'case_b', 'high', '2026-12-01T11:00:00.000Z');
    await db.run(`UPDATE kyc_cases SET status = 'approved', open_hits = 0 WHERE case_id = 'case_b'`);
    await db.run(
      `INSERT INTO kyc_audit (installed_app_id, actor, action, at) VALUES ('instapp_1', 'rvw_1', 'decision:approve', ?)`,
      ['2026-12-01T12:00:00.000Z'],
    );
    const tally = await db.all(
      'SELECT status, risk_level, created_day, has_open_hits, n FROM kyc_case_tally WHERE n > 0 ORDER BY status',
    );
    expect(tally).toEqual([
      { status: 'approved', risk_level: 'high', created_day: '2026-12-01', has_open_hits: 0, n: 1 },
      { status: 'new', risk_level: 'high', created_day: '2026-12-01', has_open_hits: 1, n: 1 },
    ]);
    expect(await db.all('SELECT day, outcome, actor, n FROM kyc_decision_tally')).toEqual([
      { day: '2026-12-01', outcome: 'approve', actor: 'rvw_1', n: 1 },
    ]);
  });

  it('lets the retention job alone delete audit rows, and only of an uninstalled install', async () => {
    await db.run(
      `INSERT INTO installs (installed_app_id, app_id, instance_id, status, api_key_ciphertext, api_key_prefix,
        granted_permissions, installed_at, updated_at) VALUES ('instapp_1', 'app_1', 'inst_1', 'active', 'v1.x', 'bk_',
        '[]', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')`,
    );
    await db.run(
      `INSERT INTO kyc_audit (installed_app_id, actor, action, at) VALUES ('instapp_1', 'system', 'sign_in:locked', '2026-12-01T00:00:00.000Z')`,
    );
    await expect(db.run(`INSERT INTO retention_deletions VALUES ('instapp_1')`)).rejects.toThrow(
      /only for an uninstalled install/,
    );
    await db.run(
      `UPDATE installs SET status = 'uninstalled', api_key_ciphertext = NULL WHERE installed_app_id = 'instapp_1'`,
    );
    await db.transaction(async (tx) => {
      await tx.run(`INSERT INTO retention_deletions VALUES ('instapp_1')`);
      await tx.run(`DELETE FROM kyc_audit WHERE installed_app_id = 'instapp_1'`);
      await tx.run(`DELETE FROM retention_deletions WHERE installed_app_id = 'instapp_1'`);
    });
    expect(await db.all('SELECT audit_id FROM kyc_audit')).toEqual([]);
  });
});
