import { describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/db/sql/sql';
import { ENGINES } from '../support/storage-engines';
import { insertAudit, insertCase } from './seed-rows';
import { INSTALL_ID, newReviewer, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

// The dashboard's reads on both engines (decision 022): the tallies kept by the triggers of
// migration 0013, the assignees, the verdicts, the overdue range and the write-backs, as
// domain records with the same numbers on SQLite and PostgreSQL.

async function dispose(sql: SqlExecutor, caseId: string, hitId: string, disposition: 'confirmed' | 'false_positive') {
  await sql.run(
    `INSERT INTO hit_dispositions (installed_app_id, identity_id, entry_id, hit_id, disposition, hit, disposed_by, disposed_at)
     VALUES (?, ?, ?, ?, ?, '{}', 'rvw_1', '2026-12-01T12:00:00.000Z')`,
    [INSTALL_ID, `idt_${caseId}`, `entry_${hitId}`, hitId, disposition],
  );
}

async function outboxStep(sql: SqlExecutor, n: number, state: string) {
  await sql.run(
    `INSERT INTO kyc_outbox (installed_app_id, identity_id, case_id, action_id, kind, payload, state, created_at, updated_at)
     VALUES (?, 'idt_a', 'a', ?, 'metadata', '{}', ?, '2026-12-01T12:00:00.000Z', '2026-12-01T12:00:00.000Z')`,
    [INSTALL_ID, `act_${n}`, state],
  );
}

describe.each(ENGINES)('the dashboard’s reads on $name', (engine) => {
  const { storage, db } = useStorage(engine);

  it('gives the same figures from the tallies, the cases, the verdicts and the outbox', async () => {
    const sql = db();
    await insertCase(sql, { installedAppId: INSTALL_ID, caseId: 'a', riskLevel: 'high', openHits: 2 });
    await insertCase(sql, {
      installedAppId: INSTALL_ID,
      caseId: 'b',
      riskLevel: 'high',
      at: '2026-11-20T08:00:00.000Z',
    });
    await insertCase(sql, { installedAppId: INSTALL_ID, caseId: 'c', status: 'approved', riskLevel: 'low' });
    await insertCase(sql, { installedAppId: INSTALL_ID, caseId: 'd', status: 'in_review', riskLevel: 'low' });
    await insertCase(sql, { installedAppId: OTHER_INSTALL_ID, caseId: 'x', riskLevel: 'high', openHits: 1 });
    // b has had its only hit decided; a holds open ones.
    await dispose(sql, 'b', 'hit_1', 'false_positive');
    await dispose(sql, 'a', 'hit_2', 'confirmed');
    await dispose(sql, 'a', 'hit_3', 'false_positive');
    const reviewer = newReviewer(1);
    await storage().reviewers.insert(reviewer);
    await sql.run(
      "UPDATE kyc_cases SET assignee_id = ?, assigned_at = '2026-12-01T11:00:00.000Z' WHERE case_id IN ('a', 'd')",
      [reviewer.reviewerId],
    );
    await sql.run("UPDATE kyc_cases SET assignee_id = 'rvw_gone' WHERE case_id = 'c'");
    await insertAudit(sql, INSTALL_ID, 'c', 'decision:approve', '2026-12-01T12:00:00.000Z', {
      actor: reviewer.reviewerId,
    });
    await insertAudit(sql, INSTALL_ID, 'd', 'decision:escalate', '2026-12-01T13:00:00.000Z', { actor: 'user_legacy' });
    await insertAudit(sql, INSTALL_ID, 'd', 'decision:approve', '2026-11-01T13:00:00.000Z', { actor: 'user_legacy' });
    await insertAudit(sql, INSTALL_ID, 'a', 'note_added', '2026-12-01T13:00:00.000Z');
    await outboxStep(sql, 1, 'pending');
    await outboxStep(sql, 2, 'pending');
    await outboxStep(sql, 3, 'failing');
    await outboxStep(sql, 4, 'done');

    const { dashboard } = storage();
    const sorted = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((p, q) => key(p).localeCompare(key(q)));
    expect(sorted(await dashboard.byStatusRisk(INSTALL_ID), (r) => r.status + r.riskLevel)).toEqual([
      { status: 'approved', riskLevel: 'low', count: 1 },
      { status: 'in_review', riskLevel: 'low', count: 1 },
      { status: 'new', riskLevel: 'high', count: 2 },
    ]);
    expect(sorted(await dashboard.openByDay(INSTALL_ID), (r) => r.createdDay + r.riskLevel)).toEqual([
      { riskLevel: 'high', createdDay: '2026-11-20', count: 1 },
      { riskLevel: 'high', createdDay: '2026-12-01', count: 1 },
      { riskLevel: 'low', createdDay: '2026-12-01', count: 1 },
    ]);
    expect(await dashboard.withOpenHits(INSTALL_ID)).toBe(1);
    expect(await dashboard.decidedHitsOnly(INSTALL_ID)).toBe(1);
    expect(await dashboard.verdicts(INSTALL_ID)).toEqual({ verdicts: 3, falsePositives: 2 });
    expect(await dashboard.verdicts(OTHER_INSTALL_ID)).toEqual({ verdicts: 0, falsePositives: 0 });
    // Open cases only: c is approved.
    expect(await dashboard.openAssigned(INSTALL_ID)).toEqual([
      { reviewerId: reviewer.reviewerId, displayName: reviewer.displayName, count: 2 },
    ]);
    expect(sorted(await dashboard.decisionTally(INSTALL_ID, '2026-11-25'), (r) => r.day + r.outcome)).toEqual([
      { day: '2026-12-01', outcome: 'approve', actor: reviewer.reviewerId, actorName: reviewer.displayName, count: 1 },
      { day: '2026-12-01', outcome: 'escalate', actor: 'user_legacy', actorName: null, count: 1 },
    ]);
    expect(await dashboard.writeBacks(INSTALL_ID)).toEqual({ pending: 2, failing: 1 });
    expect(await dashboard.writeBacks(OTHER_INSTALL_ID)).toEqual({ pending: 0, failing: 0 });
    // Due dates come from the triggers of migration 0016: a high-risk new case is due 2 days
    // after it entered (b on 22 November, a on 3 December); a low-risk one later; approved never.
    expect(await dashboard.overdue(INSTALL_ID, '2026-12-01T00:00:00.000Z')).toBe(1);
    expect(await dashboard.overdue(INSTALL_ID, '2026-12-03T10:00:00.001Z')).toBe(2);
  });

  it('answers zeros and empty lists for an install with nothing yet', async () => {
    const { dashboard } = storage();
    expect(await dashboard.byStatusRisk(INSTALL_ID)).toEqual([]);
    expect(await dashboard.openByDay(INSTALL_ID)).toEqual([]);
    expect(await dashboard.withOpenHits(INSTALL_ID)).toBe(0);
    expect(await dashboard.decidedHitsOnly(INSTALL_ID)).toBe(0);
    expect(await dashboard.openAssigned(INSTALL_ID)).toEqual([]);
    expect(await dashboard.decisionTally(INSTALL_ID, '2026-01-01')).toEqual([]);
    expect(await dashboard.overdue(INSTALL_ID, '2026-12-10T00:00:00.000Z')).toBe(0);
  });
});
