import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { createReviewEnv, firstBySeed, installSynced, queue } from './support/review-env';

// A re-sync of identities Cloud still lists unchanged (decision 019): their mirror rows
// get the new sync time, their cases are neither re-screened nor rewritten; an identity
// that changed is re-screened, and one whose only change is the app's own metadata has
// its summary updated without a re-screening.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const CaseRow = z.object({
  identity_id: z.string(),
  assessed_at: z.string(),
  assessed_fingerprint: z.string(),
  never_reviewed: z.number(),
  display_name: z.string(),
});

function caseRows(e: EmulatorBackedApp, installedAppId: string) {
  const rows = e.t.db
    .prepare(
      `SELECT identity_id, assessed_at, assessed_fingerprint, never_reviewed, display_name FROM kyc_cases
       WHERE installed_app_id = ? ORDER BY identity_id`,
    )
    .all(installedAppId);
  return new Map(
    z
      .array(CaseRow)
      .parse(rows)
      .map((r) => [r.identity_id, r]),
  );
}

const SyncedAt = z.object({ synced_at: z.string() });
const syncedAt = (e: EmulatorBackedApp, installedAppId: string) =>
  z
    .array(SyncedAt)
    .parse(
      e.t.db.prepare('SELECT DISTINCT synced_at FROM identity_mirror WHERE installed_app_id = ?').all(installedAppId),
    )
    .map((r) => r.synced_at);

/** Rows written by every statement so far (SQLite's own counter, triggers' writes included). */
const totalChanges = (e: EmulatorBackedApp) =>
  z.object({ n: z.number() }).parse(e.t.db.prepare('SELECT total_changes() AS n').get()).n;

async function resync(e: EmulatorBackedApp, installed: InstalledSession): Promise<void> {
  e.t.clock.advanceSeconds(60);
  expect(await (await installed.api('/api/cases/refresh', { method: 'POST' })).json()).toEqual({ started: true });
  await e.t.services.review.sync.idle(installed.installedAppId);
}

/** A write through Cloud's proxy, as another app or a person in the dashboard would make it. */
async function cloudWrite(
  e: EmulatorBackedApp,
  installed: InstalledSession,
  path: string,
  method: string,
  body: unknown,
) {
  const res = await fetch(`${e.emulatorUrl}/proxy/${path}?instance_id=${installed.instanceId}`, {
    method,
    headers: { Authorization: `Bearer ${installed.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

describe('a re-sync', () => {
  it('of unchanged identities re-screens and rewrites no case, and marks every mirror row synced', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 120 });
    const installed = await installSynced(env);
    const before = caseRows(env, installed.installedAppId);
    const [syncedBefore] = syncedAt(env, installed.installedAppId);
    const changesBefore = totalChanges(env);

    await resync(env, installed);

    expect(caseRows(env, installed.installedAppId)).toEqual(before);
    const synced = syncedAt(env, installed.installedAppId);
    expect(synced).toHaveLength(1);
    expect(synced[0]).not.toBe(syncedBefore);
    // 120 mirror rows touched, plus the sync's own state rows; no case, count or due-date row.
    expect(totalChanges(env) - changesBefore).toBeLessThan(120 + 10);
    expect((await queue(installed)).total).toBe(120);
  });

  it('re-screens a changed identity and updates a summary whose only change is the app’s metadata', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 60 });
    const installed = await installSynced(env);
    const changed = await firstBySeed(env, installed, 'complete');
    const before = caseRows(env, installed.installedAppId);
    const untouched = [...before.values()].find((r) => r.identity_id !== changed.identity_id && r.never_reviewed === 1);
    if (untouched === undefined) throw new Error('the seed has no never-reviewed identity besides the changed one');

    await cloudWrite(env, installed, `identities/${changed.identity_id}`, 'PUT', { first_name: 'Renamed' });
    // A decision recorded in the ledger by someone else: kyc_* metadata, outside the fingerprint.
    await cloudWrite(env, installed, `${untouched.identity_id}/metadata`, 'POST', {
      meta_data: { kyc_status: 'approved' },
    });
    await resync(env, installed);

    const after = caseRows(env, installed.installedAppId);
    const renamed = after.get(changed.identity_id);
    expect(renamed?.assessed_fingerprint).not.toBe(before.get(changed.identity_id)?.assessed_fingerprint);
    expect(renamed?.assessed_at).not.toBe(before.get(changed.identity_id)?.assessed_at);
    expect(renamed?.display_name).toContain('Renamed');
    const metadataOnly = after.get(untouched.identity_id);
    expect(metadataOnly?.never_reviewed).toBe(0);
    expect(metadataOnly?.assessed_at).toBe(untouched.assessed_at);
    for (const [id, row] of after)
      if (id !== changed.identity_id && id !== untouched.identity_id) expect(row).toEqual(before.get(id));
  });
});
