import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, installSynced } from './support/review-env';

// The identity sync screens the identities new to the mirror in the watchlist worker
// (screenIdentities, decision 006) before writing them, so a page's screening does not hold
// the event loop (decision 019); unchanged identities are not screened at all, and a worker
// that fails leaves the page to be screened on the event loop, not unsynced.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await env?.close();
  env = undefined;
});

const caseCount = (e: EmulatorBackedApp, install: string) =>
  e.t.db.prepare('SELECT COUNT(*) FROM kyc_cases WHERE installed_app_id = ?').pluck().get(install);

describe('the sync screens new identities off the event loop', () => {
  it(
    'hands each new identity to screenIdentities once, and none of them on a re-sync',
    { timeout: 120_000 },
    async () => {
      env = await createReviewEnv({ identitiesPerInstance: 40 });
      const { assessment, sync } = env.t.services.review;
      const screen = vi.spyOn(assessment, 'screenIdentities');
      const installed = await installSynced(env);
      const install = installed.installedAppId;
      const screenedIds = screen.mock.calls.flatMap(([, identities]) => identities.map((i) => i.identity_id));
      expect(screenedIds).toHaveLength(40);
      expect(new Set(screenedIds).size).toBe(40);
      expect(caseCount(env, install)).toBe(40);

      screen.mockClear();
      const res = await installed.api('/api/cases/refresh', { method: 'POST' });
      expect(res.status).toBe(202);
      await sync.idle(install);
      expect(screen).not.toHaveBeenCalled();
    },
  );

  it(
    'still syncs every identity when the worker fails (screened on the event loop instead)',
    { timeout: 120_000 },
    async () => {
      env = await createReviewEnv({ identitiesPerInstance: 40 });
      vi.spyOn(env.t.services.review.assessment, 'screenIdentities').mockRejectedValue(new Error('worker gone'));
      const installed = await installSynced(env);
      expect(caseCount(env, installed.installedAppId)).toBe(40);
      const state = env.t.db
        .prepare('SELECT last_error FROM mirror_sync_state WHERE installed_app_id = ?')
        .pluck()
        .get(installed.installedAppId);
      expect(state).toBeNull();
    },
  );
});
