import { WatchlistAppliedDto } from '@kyc-review/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, installSynced } from './support/review-env';
import { confirmImport, previewWatchlist } from './support/watchlist-upload';

// The watchlist is on the async storage of decision 022, the re-screening after a confirmation
// is still synchronous SQLite (monitoring, cases). The guard refuses a synchronous write that
// lands in an open async transaction after its first write (503 storage_busy, a failed slice):
// the confirmation commits every write of the new version before the re-screening starts, and
// an upload staged while it runs opens no async transaction (each chunk is one statement), so
// the path import -> confirm -> re-screen meets no refusal.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const REFUSED =
  /storage_busy|StorageBusyError|busy with another change|background review job failed|could not process an identity/;

const csv = (prefix: string, count: number) => {
  const rows = ['name,aliases,dob,country,list,topic'];
  for (let i = 0; i < count; i++)
    rows.push(`${prefix} Person${String(i)} Fictive,,1970-01-01,Canada,Guard list,sanction`);
  return `${rows.join('\n')}\n`;
};

describe('import, confirm and re-screen beside the write guard', () => {
  it(
    're-screens every case after the confirmation, also while the next upload is staged, with no storage_busy',
    {
      timeout: 120_000,
    },
    async () => {
      env = await createReviewEnv({ identitiesPerInstance: 120 });
      const installed = await installSynced(env);
      const id = installed.installedAppId;
      const first = await previewWatchlist(env, installed, { raw: csv('Guardfirst', 1500) }, { mode: 'append' });
      const res = await confirmImport(installed, first.import_id);
      expect(res.status).toBe(200);
      const applied = WatchlistAppliedDto.parse(await res.json());
      // The re-screening runs in the background now; a second upload is read and staged meanwhile.
      const second = await previewWatchlist(env, installed, { raw: csv('Guardsecond', 1500) }, { mode: 'append' });
      expect(second).toMatchObject({ imported: 1500, base_version: applied.summary.version });
      await env.t.services.review.sync.idle(id);

      const versions = env.t.db
        .prepare('SELECT DISTINCT assessed_watchlist_version FROM kyc_cases WHERE installed_app_id = ?')
        .pluck()
        .all(id);
      expect(versions).toEqual([applied.summary.version]);
      expect(env.t.logs.filter((line) => REFUSED.test(line))).toEqual([]);
      // The second upload waits whole for its confirmation.
      const staged = env.t.db
        .prepare('SELECT COUNT(*) FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ?')
        .pluck()
        .get(id, second.import_id);
      expect(staged).toBe(1500);
    },
  );
});
