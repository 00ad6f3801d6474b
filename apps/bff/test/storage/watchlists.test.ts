import { describe, expect, it } from 'vitest';
import { VERSION_CHUNK, RESTORABLE_VERSIONS } from '../../src/services/watchlist-versions';
import { ENGINES } from '../support/storage-engines';
import { countRows, insertCase } from './seed-rows';
import { AT, INSTALL_ID, OTHER_INSTALL_ID, useStorage } from './storage-fixture';
import { entry, entryIds, plan, preview, range, stageInChunks, versionOf, writerOver } from './watchlist-rows';

// Watchlists and their imports on both engines (decision 022): an upload staged in chunks of
// VERSION_CHUNK rows (one transaction each), compared range by range with the active version
// for the preview, written as a new version and activated in one transaction with its audit
// row, rolled back, pruned past the versions kept; every statement keyed by the install, and a
// transaction that fails keeps nothing.

const IMP = 'imp_storage_1';

/** The preview's comparison of a staged import with `base`, read range by range as the service does. */
async function compareAll(s: ReturnType<ReturnType<typeof useStorage>['storage']>, base: number, lists: string[]) {
  const totals = { added: 0, changed: 0, unchanged: 0, refs: 0, ranges: 0, removed: 0, fresh: [] as string[] };
  for (let after = ''; ;) {
    const upto = await s.watchlist.stagedRangeEnd(INSTALL_ID, IMP, after, VERSION_CHUNK);
    if (upto === null) break;
    const { counts, refs } = await s.watchlistImports.compareStaged(INSTALL_ID, IMP, base, after, upto);
    totals.added += counts.added;
    totals.changed += counts.changed;
    totals.unchanged += counts.unchanged;
    totals.refs += refs.length;
    totals.ranges++;
    const fresh = await s.watchlistImports.stagedNewEntries(INSTALL_ID, IMP, base, after, upto);
    totals.fresh.push(...fresh.map((e) => e.entry_id));
    after = upto;
  }
  for (let after = ''; ;) {
    const upto = await s.watchlist.versionRangeEnd(INSTALL_ID, base, after, VERSION_CHUNK);
    if (upto === null) break;
    totals.removed += (await s.watchlistImports.removedInRange(INSTALL_ID, IMP, base, lists, after, upto)).length;
    after = upto;
  }
  return totals;
}

describe.each(ENGINES)('watchlists and imports on $name', (engine) => {
  const { storage, db } = useStorage(engine);

  it('stages an upload in chunks and compares it with the active version range by range', async () => {
    const s = storage();
    const v1 = await versionOf(s, INSTALL_ID, range(0, 1200));
    expect(v1).toMatchObject({
      version: 1,
      entry_count: 1200,
      lists: [
        { list: 'eu', count: 600 },
        { list: 'sdn', count: 600 },
      ],
    });
    expect(await s.watchlist.state(INSTALL_ID)).toEqual({ version: 1, updatedAt: AT });
    // The staged rows of the seed are gone; the version holds every entry once, in id order.
    expect(await countRows(db(), 'watchlist_import_rows', INSTALL_ID)).toBe(0);
    const ids = await entryIds(s, INSTALL_ID, 1);
    expect(ids).toHaveLength(1200);
    expect(ids).toEqual([...ids].sort());

    // e0600–e0699 renamed (changed), e0700–e1199 as they are, e1200–e1799 new; e0000–e0599 left out.
    const upload = range(600, 1800, (n) => (n < 700 ? { name: `Renamed ${String(n)}` } : {}));
    expect(await stageInChunks(s, INSTALL_ID, IMP, upload)).toBe(3);
    expect(await s.watchlistImports.stagedLists(INSTALL_ID, IMP)).toEqual(['eu', 'sdn']);
    const compared = await compareAll(s, 1, ['eu', 'sdn']);
    expect(compared).toMatchObject({ added: 600, changed: 100, unchanged: 500, refs: 700, ranges: 3, removed: 600 });
    expect(compared.fresh).toHaveLength(700);
    expect(compared.fresh[0]).toBe('e00600');
    // Appending only names no list to replace: nothing is removed.
    expect((await compareAll(s, 1, [])).removed).toBe(0);
    const [first] = await s.watchlistImports.compareStaged(INSTALL_ID, IMP, 1, '', 'e00600').then((r) => r.refs);
    expect(first).toEqual({ entry_id: 'e00600', name: 'Renamed 600', list: 'sdn', kind: 'changed' });

    // Programmes read after their target (an FtM Sanction) are merged into the staged entry.
    await s.transaction(async (tx) => {
      await tx.watchlistImports.addStagedProgrammes(INSTALL_ID, IMP, 'e01300', ['IRAN', 'SDGT']);
      await tx.watchlistImports.addStagedProgrammes(INSTALL_ID, IMP, 'e01300', ['SDGT', 'RUSSIA-EO14024']);
      await tx.watchlistImports.addStagedProgrammes(INSTALL_ID, IMP, 'e99999', ['IRAN']);
    });
    const [programmed] = await s.watchlistImports.stagedNewEntries(INSTALL_ID, IMP, 1, 'e01299', 'e01300');
    expect(programmed?.programmes).toEqual(['IRAN', 'SDGT', 'RUSSIA-EO14024']);
    expect(await countRows(db(), 'watchlist_import_rows', INSTALL_ID)).toBe(1200);
  });

  it('writes a version from the active one and the staged rows, activates it with its audit row, and rolls back', async () => {
    const s = storage();
    await versionOf(s, INSTALL_ID, range(0, 10));
    await stageInChunks(s, INSTALL_ID, IMP, [entry(3, { name: 'Renamed 3' }), entry(20)]);
    await s.watchlistImports.savePending(INSTALL_ID, preview(IMP, AT), 'rvw_1');
    const writer = writerOver(s);
    const v2 = await writer.write(
      INSTALL_ID,
      plan(
        [
          { kind: 'version', version: 1, exceptImportId: IMP, exceptLists: ['eu'] },
          { kind: 'staged', importId: IMP },
        ],
        {
          counts: { added: 1, removed: 5, changed: 1 },
          alsoOnActivate: (tx) => tx.watchlistImports.removePending(INSTALL_ID, IMP),
        },
      ),
    );
    // Replacing list eu drops e1, e5, e7, e9; the staged e3 replaces the stored one.
    expect(await entryIds(s, INSTALL_ID, 2)).toEqual([
      'e00000',
      'e00002',
      'e00003',
      'e00004',
      'e00006',
      'e00008',
      'e00020',
    ]);
    expect(v2).toMatchObject({ version: 2, entry_count: 7, added: 1, removed: 5, changed: 1, entriesKept: true });
    expect(await s.watchlistImports.pending(INSTALL_ID)).toBeNull();
    expect(await s.watchlist.diff(INSTALL_ID, 1, 2)).toEqual({ added: 1, removed: 4, changed: 1 });

    const back = await writer.write(
      INSTALL_ID,
      plan([{ kind: 'version', version: 1, exceptImportId: null, exceptLists: [] }], {
        mode: 'rollback',
        rolledBackTo: 1,
      }),
    );
    expect(back).toMatchObject({ version: 3, mode: 'rollback', rolled_back_to: 1, entry_count: 10 });
    expect(await entryIds(s, INSTALL_ID, 3)).toEqual(await entryIds(s, INSTALL_ID, 1));
    expect((await s.watchlist.state(INSTALL_ID)).version).toBe(3);
    expect((await s.watchlist.versions(INSTALL_ID, 2)).map((v) => v.version)).toEqual([3, 2]);
    expect(await s.watchlist.version(INSTALL_ID, 9)).toBeNull();
    const audited = await db().all(
      'SELECT action, before_state, after_state FROM kyc_audit WHERE installed_app_id = ? ORDER BY audit_id',
      [INSTALL_ID],
    );
    expect(audited.map((r) => (r as { action: string }).action)).toEqual([
      'watchlist_imported',
      'watchlist_imported',
      'watchlist_rolled_back',
    ]);
  });

  it('prunes the entries of versions past the ten kept, a chunk at a time, and never the active one', async () => {
    const s = storage();
    await versionOf(s, INSTALL_ID, range(0, VERSION_CHUNK + 20));
    const writer = writerOver(s);
    for (let v = 1; v <= RESTORABLE_VERSIONS; v++)
      await writer.write(INSTALL_ID, plan([{ kind: 'version', version: v, exceptImportId: null, exceptLists: [] }]));
    const top = RESTORABLE_VERSIONS + 1;
    expect((await s.watchlist.state(INSTALL_ID)).version).toBe(top);
    const kept = await s.watchlist.versions(INSTALL_ID, 50);
    expect(kept.filter((v) => v.entriesKept).map((v) => v.version)).toEqual(
      Array.from({ length: RESTORABLE_VERSIONS }, (_, i) => top - i),
    );
    // Version 1 lost its entries (more than one chunk of them); the row stays for the history.
    expect(await entryIds(s, INSTALL_ID, 1)).toEqual([]);
    expect(await s.watchlist.version(INSTALL_ID, 1)).toMatchObject({
      entriesKept: false,
      entry_count: VERSION_CHUNK + 20,
    });
    expect(await s.watchlist.prunable(INSTALL_ID)).toEqual([]);
    expect(await entryIds(s, INSTALL_ID, top)).toHaveLength(VERSION_CHUNK + 20);
    expect(await s.watchlist.nextVersion(INSTALL_ID)).toBe(top + 1);
  });

  it('keys every read and delete by the install', async () => {
    const s = storage();
    await versionOf(s, INSTALL_ID, range(0, 4));
    await versionOf(s, OTHER_INSTALL_ID, range(0, 6));
    await stageInChunks(s, INSTALL_ID, IMP, range(0, 3));
    await stageInChunks(s, OTHER_INSTALL_ID, IMP, range(0, 5));
    await s.watchlistImports.savePending(OTHER_INSTALL_ID, preview(IMP, AT), 'rvw_2');

    expect(await s.watchlist.nextVersion(INSTALL_ID)).toBe(2);
    expect(await entryIds(s, OTHER_INSTALL_ID, 1)).toHaveLength(6);
    expect(await s.watchlistImports.pending(INSTALL_ID)).toBeNull();
    expect((await s.watchlistImports.pending(OTHER_INSTALL_ID))?.importId).toBe(IMP);
    expect(await s.watchlistImports.discardStagedChunk(INSTALL_ID, IMP, 2)).toBe(2);
    expect(await s.watchlistImports.discardStagedChunk(INSTALL_ID, IMP, 2)).toBe(1);
    expect(await s.watchlistImports.discardStagedChunk(INSTALL_ID, IMP, 2)).toBe(0);
    expect(await countRows(db(), 'watchlist_import_rows', OTHER_INSTALL_ID)).toBe(5);
    expect(await s.watchlist.deleteVersionEntries(INSTALL_ID, 1, 100)).toBe(4);
    expect(await entryIds(s, OTHER_INSTALL_ID, 1)).toHaveLength(6);

    // A case hit by entry e00001 on each install: the preview counts only this install's.
    for (const [installedAppId, caseId] of [
      [INSTALL_ID, 'c1'],
      [OTHER_INSTALL_ID, 'c2'],
      [INSTALL_ID, 'c3'],
    ] as const) {
      await insertCase(db(), { installedAppId, caseId, status: 'approved' });
      const hitEntry = caseId === 'c3' ? 'e00002' : 'e00001';
      await db().run('UPDATE kyc_case_assessments SET assessment = ? WHERE case_id = ?', [
        JSON.stringify({ hits: [{ hit_id: 'hit_0123456789abcdef', entry: { entry_id: hitEntry } }] }),
        caseId,
      ]);
    }
    expect(await s.watchlistImports.casesHitting(INSTALL_ID, ['e00001', 'e00009'])).toEqual([
      { identityId: 'idt_c1', name: 'Customer c1', status: 'approved' },
    ]);
    expect(await s.watchlistImports.casesHitting(INSTALL_ID, [])).toEqual([]);
  });

  it('keeps nothing of a transaction that fails: staged rows, or a version whose activation failed', async () => {
    const s = storage();
    await versionOf(s, INSTALL_ID, range(0, 5));
    await expect(
      s.transaction(async (tx) => {
        await tx.watchlistImports.stage(INSTALL_ID, IMP, range(10, 250));
        throw new Error('the upload broke off');
      }),
    ).rejects.toThrow('the upload broke off');
    expect(await countRows(db(), 'watchlist_import_rows', INSTALL_ID)).toBe(0);

    await stageInChunks(s, INSTALL_ID, IMP, range(10, 20));
    await expect(
      writerOver(s).write(
        INSTALL_ID,
        plan([{ kind: 'staged', importId: IMP }], {
          alsoOnActivate: () => Promise.reject(new Error('the activation failed')),
        }),
      ),
    ).rejects.toThrow('the activation failed');
    expect(await s.watchlist.state(INSTALL_ID)).toEqual({ version: 1, updatedAt: AT });
    expect(await s.watchlist.version(INSTALL_ID, 2)).toBeNull();
    expect(await entryIds(s, INSTALL_ID, 2)).toEqual([]);
    expect(await countRows(db(), 'kyc_audit', INSTALL_ID)).toBe(1);
  });

  it('writes through the rederivable executor (no fsync of its own) as through the others', async () => {
    const s = storage();
    await s.rederivable.watchlistImports.stage(INSTALL_ID, IMP, range(0, 7));
    expect(await s.rederivable.watchlistImports.discardStagedChunk(INSTALL_ID, IMP, 5)).toBe(5);
    expect(await countRows(db(), 'watchlist_import_rows', INSTALL_ID)).toBe(2);
    // Inside a transaction it is that transaction's: rolled back with it.
    await expect(
      s.transaction(async (tx) => {
        await tx.rederivable.watchlistImports.stage(INSTALL_ID, 'imp_other', range(0, 3));
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    expect(await countRows(db(), 'watchlist_import_rows', INSTALL_ID)).toBe(2);
  });

  it('at start-up: drops unfinished imports and entries of versions never activated', async () => {
    const s = storage();
    await versionOf(s, INSTALL_ID, range(0, 3));
    await s.watchlistImports.stage(OTHER_INSTALL_ID, IMP, range(0, 2));
    await s.watchlistImports.savePending(OTHER_INSTALL_ID, preview(IMP, AT), 'rvw_2');
    // A process stopped while writing version 2: its entries were never activated.
    await s.transaction((tx) =>
      tx.watchlist.writeVersionRange(
        INSTALL_ID,
        2,
        { kind: 'version', version: 1, exceptImportId: null, exceptLists: [] },
        '',
        10,
      ),
    );
    expect(await entryIds(s, INSTALL_ID, 2)).toHaveLength(3);

    await s.watchlistImports.discardUnfinishedImports();
    await s.watchlist.removeOrphanEntries();
    expect(await s.watchlistImports.pending(OTHER_INSTALL_ID)).toBeNull();
    expect(await countRows(db(), 'watchlist_import_rows', OTHER_INSTALL_ID)).toBe(0);
    expect(await entryIds(s, INSTALL_ID, 2)).toEqual([]);
    expect(await entryIds(s, INSTALL_ID, 1)).toHaveLength(3);
  });
});
