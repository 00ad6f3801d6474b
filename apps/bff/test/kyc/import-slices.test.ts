import { WatchlistAppliedDto, WatchlistImportPreviewDto } from '@kyc-review/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeSlices } from '../../src/services/time-slices';
import type { EmulatorBackedApp } from '../support/emulator-app';
import type { ApiAnswer } from '../support/rpc';
import { createReviewEnv, installSynced } from './support/review-env';
import { confirmImport, uploadWatchlist } from './support/watchlist-upload';

// CPU-heavy work (an import's parsing and staging, the index build, re-assessment) runs in
// time slices, so other requests are answered while it runs (decisions 015, 018). The
// figures under load are bench/import-hardening.ts's; these tests check the mechanism.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('time slices', () => {
  it('say a slice is due once its budget is used, and start a new one after a pause', async () => {
    const slices = new TimeSlices(5);
    expect(slices.due()).toBe(false);
    busyFor(6);
    expect(slices.due()).toBe(true);
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    await slices.maybePause();
    // The pause let the event loop run what was waiting.
    expect(ranMeanwhile).toBe(true);
    expect(slices.due()).toBe(false);
  });

  it(
    'answer other requests while a large import is read, staged, indexed and re-assessed',
    { timeout: 120_000 },
    async () => {
      env = await createReviewEnv({ identitiesPerInstance: 30 });
      const installed = await installSynced(env);
      const rows = ['name,aliases,dob,country,list,topic'];
      for (let i = 0; i < 6000; i++)
        rows.push(`Slicetest Person${String(i)} Fictive,,1970-01-01,Canada,Slice list,sanction`);
      /** Requests sent while `work` runs are answered before it ends. */
      const answeredWhile = async (work: Promise<ApiAnswer>) => {
        let done = false;
        const tracked = work.finally(() => (done = true));
        const answeredDuring: boolean[] = [];
        for (let i = 0; i < 3; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          const health = await env?.t.app.request('/healthz');
          expect(health?.status).toBe(200);
          answeredDuring.push(!done);
        }
        expect(answeredDuring).toEqual([true, true, true]);
        const res = await tracked;
        expect(res.status).toBe(200);
        return res;
      };
      const staged = await answeredWhile(
        uploadWatchlist(env, installed, { raw: `${rows.join('\n')}\n` }, { mode: 'append' }),
      );
      const preview = WatchlistImportPreviewDto.parse(await staged.json());
      expect(preview.imported).toBe(6000);
      // The version is written in short transactions and the index built in slices, too.
      const applied = await answeredWhile(confirmImport(installed, preview.import_id));
      const result = WatchlistAppliedDto.parse(await applied.json());
      // Re-assessment after the import runs in the background, in slices, and reaches every case.
      await env.t.services.review.sync.idle(installed.installedAppId);
      const versions = env.t.db
        .prepare('SELECT DISTINCT assessed_watchlist_version FROM kyc_cases WHERE installed_app_id = ?')
        .pluck()
        .all(installed.installedAppId);
      expect(versions).toEqual([result.summary.version]);
    },
  );
});
