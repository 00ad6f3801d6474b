import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, installSynced } from '../kyc/support/review-env';
import { importWatchlist } from '../kyc/support/watchlist-upload';

// screenIdentities (decision 006): identities screened in the screening thread against the
// install's index in use give the hits its cases were assessed with, and an assessment handed
// those hits stores exactly what it stores when it screens itself.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('screenIdentities', () => {
  it(
    'screens off the event loop against the index in use, with the hits assessment would find',
    { timeout: 120_000 },
    async () => {
      env = await createReviewEnv({ identitiesPerInstance: 40 });
      const installed = await installSynced(env);
      const install = installed.installedAppId;
      const { review } = env.t.services;
      const mirrored = env.t.db
        .prepare('SELECT identity_id FROM identity_mirror WHERE installed_app_id = ? ORDER BY identity_id')
        .pluck()
        .all(install)
        .map((id) => review.kyc.mirror.get(install, String(id)))
        .flatMap((row) => (row === null ? [] : [row]));
      expect(mirrored.length).toBe(40);
      // One listed name beside the demo list's: the seeded identity's own, so there is a hit to find.
      const target = mirrored[0];
      if (target === undefined) throw new Error('no identity');
      const name = `${target.record.first_name} ${target.record.last_name}`;
      const { applied } = await importWatchlist(
        env,
        installed,
        {
          raw: `name,aliases,dob,country,list,topic\n${name},,,,Screening test,sanction\n`,
        },
        { mode: 'append' },
      );
      await review.sync.idle(install);

      const screened = await review.assessment.screenIdentities(
        install,
        mirrored.map((row) => row.record),
      );
      expect(screened.every((s) => s.watchlistVersion === applied.summary.version)).toBe(true);
      for (const [i, row] of mirrored.entries()) {
        const kase = review.kyc.cases.get(install, row.identityId);
        expect(
          screened[i]?.hits.map((h) => h.hit_id),
          row.identityId,
        ).toEqual(kase?.assessment.hits.map((h) => h.hit_id));
      }
      expect(screened[0]?.hits.some((h) => h.entry.list === 'Screening test')).toBe(true);

      // An assessment handed the worker's hits stores what screening on the event loop stores.
      const own = screened[0];
      if (own === undefined) throw new Error('no screening');
      const before = review.kyc.cases.get(install, target.identityId);
      review.kyc.transaction(() => review.assessment.ensureCase(target, { force: true, screened: own }));
      const after = review.kyc.cases.get(install, target.identityId);
      expect(after?.assessment).toEqual(before?.assessment);
      // Hits screened against another version (or threshold) are not used: the assessment screens itself.
      const stale = { ...own, identityId: target.identityId, watchlistVersion: 0, threshold: 0.85, hits: [] };
      review.kyc.transaction(() => review.assessment.ensureCase(target, { force: true, screened: stale }));
      expect(review.kyc.cases.get(install, target.identityId)?.assessment.hits).toEqual(before?.assessment.hits);
      expect(review.watchlistWorkers.starts().screening).toBeGreaterThanOrEqual(1);
    },
  );
});
