import { describe, expect, it } from 'vitest';
import { GLOBAL_TABLES, KEPT_BEYOND_RETENTION, RETAINED_THROUGH_PARENT } from '../../src/db/retention-repository';
import { retentionSteps, schemaTables, tablesKeyedByInstall } from '../../src/db/retention-schema';
import type { SqlExecutor } from '../../src/db/sql/sql';
import { ENGINES } from '../support/storage-engines';
import {
  countRows,
  insertAudit,
  insertCase,
  insertMirror,
  insertNote,
  insertSyncStateAndStagedImport,
} from './seed-rows';
import { activation, AT, INSTALL_ID, newReviewer, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

// Retention (decision 016) and the mirror purge on both engines (decision 022): the same
// repositories delete an uninstalled install's rows in an order every foreign key accepts,
// inside one transaction that also holds the audit trail's guard, and nothing of another install.

const UNINSTALLED_AT = '2026-12-02T10:00:00.000Z';

/** An install with a case, its assessment, a note, audit, a reviewer with recovery codes and a saved view, and a mirror. */
async function seedInstall(sql: SqlExecutor, storage: ReturnType<ReturnType<typeof useStorage>['storage']>, n: 1 | 2) {
  const installedAppId = n === 1 ? INSTALL_ID : OTHER_INSTALL_ID;
  await storage.installs.activate(activation({ installedAppId, instanceId: activation().instanceId }));
  const reviewer = newReviewer(n, { installedAppId });
  await storage.reviewers.insert(reviewer);
  await storage.recoveryCodes.replace(reviewer.reviewerId, ['h1', 'h2']);
  await storage.savedViews.insert({
    installedAppId,
    reviewerId: reviewer.reviewerId,
    viewId: `view_${n}`,
    name: 'Mine',
    filters: '{}',
    createdAt: AT,
  });
  const caseId = `case_${n}`;
  await insertCase(sql, { installedAppId, caseId });
  await insertNote(sql, installedAppId, caseId, AT);
  await insertAudit(sql, installedAppId, caseId, 'decision:escalate', AT);
  await insertMirror(sql, installedAppId, `idt_${caseId}`, AT);
  await insertSyncStateAndStagedImport(sql, installedAppId, AT);
  return installedAppId;
}

describe.each(ENGINES)('retention and the mirror purge on $name', (engine) => {
  const { storage, db } = useStorage(engine);

  it('classifies every table: the install’s data, kept on purpose, through a parent, or global', async () => {
    const keyed = new Set(await tablesKeyedByInstall(db()));
    const unclassified = (await schemaTables(db())).filter(
      (t) =>
        !keyed.has(t) &&
        !KEPT_BEYOND_RETENTION.includes(t) &&
        !(t in RETAINED_THROUGH_PARENT) &&
        !GLOBAL_TABLES.includes(t),
    );
    expect(unclassified).toEqual([]);
    // Children before their parents.
    const order = (await retentionSteps(db())).map((s) => s.table);
    for (const [child, parent] of [
      ['kyc_case_assessments', 'kyc_cases'],
      ['reviewer_recovery_codes', 'reviewers'],
      ['kyc_saved_views', 'reviewers'],
    ] as const)
      if (order.includes(child)) expect(order.indexOf(child)).toBeLessThan(order.indexOf(parent));
  });

  it('deletes all of an uninstalled install’s records but its ids and event fingerprints, and nothing of another install', async () => {
    const s = storage();
    const gone = await seedInstall(db(), s, 1);
    const other = await seedInstall(db(), s, 2);
    await s.installs.markUninstalled(gone, UNINSTALLED_AT, UNINSTALLED_AT);

    expect(await s.retention.dueBefore('2026-12-02T09:59:59.999Z')).toEqual([]);
    expect(await s.retention.dueBefore(UNINSTALLED_AT)).toEqual([gone]);
    // The audit trail and notes refuse a delete outside the job's transaction.
    await expect(db().run('DELETE FROM kyc_audit WHERE installed_app_id = ?', [gone])).rejects.toThrow(/append-only/);

    const removed = await s.transaction((tx) => tx.retention.remove(gone));
    expect(removed).toMatchObject({
      kyc_cases: 1,
      kyc_case_assessments: 1,
      kyc_case_notes: 1,
      kyc_audit: 1,
      reviewers: 1,
      reviewer_recovery_codes: 2,
      identity_mirror: 1,
    });
    for (const table of await tablesKeyedByInstall(db()))
      expect([table, await countRows(db(), table, gone)]).toEqual([table, 0]);
    expect(await countRows(db(), 'installs', gone)).toBe(1);
    expect((await s.installs.find(gone))?.status).toBe('uninstalled');
    expect(await countRows(db(), 'retention_deletions', gone)).toBe(0);
    // The other install keeps every row.
    for (const table of ['kyc_cases', 'kyc_audit', 'kyc_case_notes', 'reviewers', 'identity_mirror'])
      expect([table, await countRows(db(), table, other)]).toEqual([table, 1]);
    expect(await s.recoveryCodes.remaining(newReviewer(2).reviewerId)).toBe(2);
    // Done: a second pass has nothing left.
    expect(await s.transaction((tx) => tx.retention.remove(gone))).toEqual({});
  });

  it('deletes nothing of an install reinstalled meanwhile, and undoes a deletion whose transaction fails', async () => {
    const s = storage();
    const id = await seedInstall(db(), s, 1);
    expect(await s.transaction((tx) => tx.retention.remove(id))).toEqual({});
    expect(await countRows(db(), 'kyc_cases', id)).toBe(1);

    await s.installs.markUninstalled(id, UNINSTALLED_AT, UNINSTALLED_AT);
    await expect(
      s.transaction(async (tx) => {
        expect((await tx.retention.remove(id))['kyc_cases']).toBe(1);
        throw new Error('failed after deleting');
      }),
    ).rejects.toThrow('failed after deleting');
    for (const table of ['kyc_cases', 'kyc_audit', 'kyc_case_notes', 'reviewers'])
      expect([table, await countRows(db(), table, id)]).toEqual([table, 1]);
    expect(await countRows(db(), 'retention_deletions', id)).toBe(0);
  });

  it('purges an uninstalled install’s mirror, sync state and staged import, not its cases, and not a reinstalled one', async () => {
    const s = storage();
    const gone = await seedInstall(db(), s, 1);
    const other = await seedInstall(db(), s, 2);
    await insertMirror(db(), gone, 'idt_more', AT);
    await s.installs.markUninstalled(gone, UNINSTALLED_AT, UNINSTALLED_AT);

    expect(await s.mirrorPurge.dueBefore(UNINSTALLED_AT)).toEqual([gone]);
    expect(await s.transaction((tx) => tx.mirrorPurge.purge(gone))).toBe(2);
    for (const table of ['identity_mirror', 'mirror_sync_state', 'watchlist_imports', 'watchlist_import_rows'])
      expect([table, await countRows(db(), table, gone)]).toEqual([table, 0]);
    expect(await countRows(db(), 'kyc_cases', gone)).toBe(1);
    expect(await s.mirrorPurge.dueBefore(UNINSTALLED_AT)).toEqual([]);
    // The active install is never due and never purged.
    expect(await s.transaction((tx) => tx.mirrorPurge.purge(other))).toBe(0);
    expect(await countRows(db(), 'identity_mirror', other)).toBe(1);
  });
});
