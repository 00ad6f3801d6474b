import { describe, expect, it } from 'vitest';
import { ReviewerId, UserId } from '@kyc-review/contracts';
import type { AuditEntry } from '../../src/services/audit-record';
import { ENGINES } from '../support/storage-engines';
import { activation, AT, INSTALL_ID, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

// The audit trail on both engines (decision 022): appended and read back as domain records,
// append-only in the database itself (UPDATE, DELETE and TRUNCATE refused), and an entry
// commits or rolls back with the transaction that wrote it.

const reviewer = {
  reviewerId: ReviewerId.parse('rvw_audit_1'),
  displayName: 'Ada Reviewer',
  role: 'reviewer' as const,
  cloudUserId: UserId.parse('user_ada'),
};

const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  installedAppId: INSTALL_ID,
  identityId: 'idt_1',
  caseId: 'case_1',
  actor: reviewer,
  action: 'decision:approve',
  before: { status: 'in_review' },
  after: { status: 'approved', n },
  reason: `reason ${String(n)}`,
  requestId: `req_${String(n)}`,
  at: `2026-12-01T10:00:0${String(n)}.000Z`,
  ...overrides,
});

describe.each(ENGINES)('the audit trail on $name', (engine) => {
  const { storage, db } = useStorage(engine);

  it('reads an identity’s entries newest first, with the actor as recorded and the snapshots parsed', async () => {
    const { audit } = storage();
    await audit.append(entry(1));
    await audit.append(entry(2, { actor: 'system', before: null, reason: null, requestId: null }));
    await audit.append(entry(3, { identityId: 'idt_2' }));
    await audit.append(entry(4, { installedAppId: OTHER_INSTALL_ID }));
    const history = await audit.forIdentity(INSTALL_ID, 'idt_1', 10);
    expect(history.map((r) => r.after)).toEqual([
      { status: 'approved', n: 2 },
      { status: 'approved', n: 1 },
    ]);
    expect(history[0]).toMatchObject({
      actor: { id: 'system', name: null, cloudUserId: null },
      before: null,
      reason: null,
      requestId: null,
    });
    expect(history[1]).toEqual({
      auditId: expect.any(Number) as number,
      at: '2026-12-01T10:00:01.000Z',
      actor: { id: 'rvw_audit_1', name: 'Ada Reviewer', cloudUserId: 'user_ada' },
      action: 'decision:approve',
      before: { status: 'in_review' },
      after: { status: 'approved', n: 1 },
      reason: 'reason 1',
      requestId: 'req_1',
    });
    expect(await audit.forIdentity(INSTALL_ID, 'idt_1', 1)).toHaveLength(1);
  });

  it('the database refuses to change or remove an entry, whoever asks', async () => {
    await storage().audit.append(entry(1));
    await expect(db().run("UPDATE kyc_audit SET reason = 'rewritten'")).rejects.toThrow(/append-only/);
    await expect(db().run('DELETE FROM kyc_audit')).rejects.toThrow(/append-only/);
    if (engine.name === 'postgres') await expect(db().run('TRUNCATE kyc_audit')).rejects.toThrow(/append-only/);
    expect((await storage().audit.forIdentity(INSTALL_ID, 'idt_1', 10)).map((r) => r.reason)).toEqual(['reason 1']);
  });

  it('an entry commits with its transaction, and goes with it when the transaction fails', async () => {
    const s = storage();
    await s.transaction(async (tx) => {
      await tx.audit.append(entry(1));
    });
    await expect(
      s.transaction(async (tx) => {
        await tx.audit.append(entry(2));
        throw new Error('the change it records failed');
      }),
    ).rejects.toThrow('the change it records failed');
    expect((await s.audit.forIdentity(INSTALL_ID, 'idt_1', 10)).map((r) => r.requestId)).toEqual(['req_1']);
  });

  it('only the retention job, for an uninstalled install it names, may remove its entries', async () => {
    const s = storage();
    await s.installs.activate(activation());
    await s.audit.append(entry(1));
    await expect(
      db().run('INSERT INTO retention_deletions (installed_app_id) VALUES (?)', [INSTALL_ID]),
    ).rejects.toThrow(/uninstalled/);
    await s.installs.markUninstalled(INSTALL_ID, AT, AT);
    await db().transaction(async (tx) => {
      await tx.run('INSERT INTO retention_deletions (installed_app_id) VALUES (?)', [INSTALL_ID]);
      expect(await tx.run('DELETE FROM kyc_audit WHERE installed_app_id = ?', [INSTALL_ID])).toBe(1);
      await tx.run('DELETE FROM retention_deletions WHERE installed_app_id = ?', [INSTALL_ID]);
    });
    expect(await s.audit.forIdentity(INSTALL_ID, 'idt_1', 10)).toEqual([]);
  });
});
