import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/storage-engines';
import { AT, INSTALL_ID, newReviewer, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

// A reviewer's saved queue views (decision 021) on both engines (decision 022): each
// statement is keyed by install and reviewer, a name is unique per reviewer, and a view
// saved inside a transaction that fails is not kept.

const view = (n: number, name: string) => ({
  viewId: `svw_storage_${String(n)}`,
  name,
  filters: JSON.stringify({ risk_level: 'high', sort: 'due_at_asc' }),
  createdAt: AT,
});

describe.each(ENGINES)('saved views on $name', (engine) => {
  const { storage } = useStorage(engine);

  it("lists a reviewer's own views by name, counts them, and finds a taken name", async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1));
    await s.reviewers.insert(newReviewer(2));
    await s.reviewers.insert(newReviewer(3, { installedAppId: OTHER_INSTALL_ID }));
    const mine = { installedAppId: INSTALL_ID, reviewerId: 'rvw_storage_1' };
    await s.savedViews.insert({ ...view(1, 'Zeta'), ...mine });
    await s.savedViews.insert({ ...view(2, 'Alpha'), ...mine });
    await s.savedViews.insert({ ...view(3, 'Alpha'), installedAppId: INSTALL_ID, reviewerId: 'rvw_storage_2' });
    await s.savedViews.insert({ ...view(4, 'Alpha'), installedAppId: OTHER_INSTALL_ID, reviewerId: 'rvw_storage_3' });

    expect(await s.savedViews.list(INSTALL_ID, 'rvw_storage_1')).toEqual([
      { viewId: 'svw_storage_2', name: 'Alpha', filters: view(2, '').filters, createdAt: AT },
      { viewId: 'svw_storage_1', name: 'Zeta', filters: view(1, '').filters, createdAt: AT },
    ]);
    expect(await s.savedViews.count(INSTALL_ID, 'rvw_storage_1')).toBe(2);
    expect(await s.savedViews.count(INSTALL_ID, 'rvw_storage_2')).toBe(1);
    // Another install's reviewer with the same id keys nothing here.
    expect(await s.savedViews.count(OTHER_INSTALL_ID, 'rvw_storage_1')).toBe(0);
    expect(await s.savedViews.nameTaken(INSTALL_ID, 'rvw_storage_1', 'Alpha')).toBe(true);
    expect(await s.savedViews.nameTaken(INSTALL_ID, 'rvw_storage_1', 'alpha')).toBe(false);
    expect(await s.savedViews.nameTaken(INSTALL_ID, 'rvw_storage_1', 'Beta')).toBe(false);
  });

  it("removes only the reviewer's own view of their install", async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1));
    await s.reviewers.insert(newReviewer(2));
    await s.savedViews.insert({ ...view(1, 'Mine'), installedAppId: INSTALL_ID, reviewerId: 'rvw_storage_1' });

    expect(await s.savedViews.remove(INSTALL_ID, 'rvw_storage_2', 'svw_storage_1')).toBe(false);
    expect(await s.savedViews.remove(OTHER_INSTALL_ID, 'rvw_storage_1', 'svw_storage_1')).toBe(false);
    expect(await s.savedViews.count(INSTALL_ID, 'rvw_storage_1')).toBe(1);
    expect(await s.savedViews.remove(INSTALL_ID, 'rvw_storage_1', 'svw_storage_1')).toBe(true);
    expect(await s.savedViews.remove(INSTALL_ID, 'rvw_storage_1', 'svw_storage_1')).toBe(false);
    expect(await s.savedViews.list(INSTALL_ID, 'rvw_storage_1')).toEqual([]);
  });

  it('refuses a second view of the same name by the database, and keeps nothing of a failed transaction', async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1));
    const mine = { installedAppId: INSTALL_ID, reviewerId: 'rvw_storage_1' };
    await s.savedViews.insert({ ...view(1, 'Same'), ...mine });
    await expect(s.savedViews.insert({ ...view(2, 'Same'), ...mine })).rejects.toThrow();
    // A view of a reviewer that does not exist is refused (the reviewer's foreign key).
    await expect(
      s.savedViews.insert({ ...view(3, 'Nobody'), installedAppId: INSTALL_ID, reviewerId: 'rvw_storage_404' }),
    ).rejects.toThrow();

    await expect(
      s.transaction(async (tx) => {
        await tx.savedViews.insert({ ...view(4, 'Rolled back'), ...mine });
        expect(await tx.savedViews.count(INSTALL_ID, 'rvw_storage_1')).toBe(2);
        throw new Error('the step after it failed');
      }),
    ).rejects.toThrow('the step after it failed');
    expect((await s.savedViews.list(INSTALL_ID, 'rvw_storage_1')).map((v) => v.name)).toEqual(['Same']);
  });
});
