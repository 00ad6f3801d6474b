import { describe, expect, it } from 'vitest';
import { DEFAULT_KYC_SETTINGS } from '@kyc-review/contracts';
import { ENGINES } from '../support/storage-engines';
import { AT, INSTALL_ID, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

// The settings change history (migration 0024, decision 011) on both engines (decision 022):
// newest first a page at a time, per install, append-only in the database.

const change = (version: number, minAge: number) => ({
  version,
  before: { ...DEFAULT_KYC_SETTINGS, min_age: minAge - 1 },
  after: { ...DEFAULT_KYC_SETTINGS, min_age: minAge },
  changedBy: `Lena Lead (rvw_storage_${String(version)})`,
  changedAt: AT,
});

describe.each(ENGINES)('the settings history on $name', (engine) => {
  const { storage, db } = useStorage(engine);

  it('reads the changes newest first, a page at a time, per install', async () => {
    const { settingsHistory } = storage();
    for (const v of [1, 2, 3]) await settingsHistory.append(INSTALL_ID, change(v, 18 + v));
    await settingsHistory.append(OTHER_INSTALL_ID, change(1, 50));

    const all = await settingsHistory.page(INSTALL_ID, null, 10);
    expect(all.map((c) => c.version)).toEqual([3, 2, 1]);
    expect(all[0]).toMatchObject({ ...change(3, 21), changeId: expect.any(Number) });
    const [newest, middle] = all;
    if (newest === undefined || middle === undefined) throw new Error('three changes');
    const first = await settingsHistory.page(INSTALL_ID, null, 2);
    expect(first.map((c) => c.version)).toEqual([3, 2]);
    expect((await settingsHistory.page(INSTALL_ID, middle.changeId, 2)).map((c) => c.version)).toEqual([1]);
    expect(await settingsHistory.page(INSTALL_ID, all[2]?.changeId ?? 0, 2)).toEqual([]);
    expect((await settingsHistory.page(OTHER_INSTALL_ID, null, 10)).map((c) => c.after.min_age)).toEqual([50]);
  });

  it('is append-only: an update or a delete is refused by the database, and a version is kept once', async () => {
    const { settingsHistory } = storage();
    await settingsHistory.append(INSTALL_ID, change(1, 19));
    await expect(settingsHistory.append(INSTALL_ID, change(1, 30))).rejects.toThrow();
    await expect(db().run("UPDATE kyc_settings_history SET changed_by = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db().run('DELETE FROM kyc_settings_history')).rejects.toThrow(/append-only/);
    expect(await settingsHistory.page(INSTALL_ID, null, 10)).toEqual([
      expect.objectContaining({ version: 1, changedBy: 'Lena Lead (rvw_storage_1)' }),
    ]);
  });
});
