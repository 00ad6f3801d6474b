import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, installSynced, queue, uninstallNow } from './support/review-env';

// After an uninstall the mirrored identities (names, emails, phones, streets, dates of
// birth) are purged once UNINSTALL_PURGE_DAYS have passed (docs/cloud-contract.md §8, decision 016); a
// reinstall within the grace period finds them still there.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const mirrored = (e: EmulatorBackedApp, installedAppId: string) =>
  e.t.db.prepare('SELECT COUNT(*) AS n FROM identity_mirror WHERE installed_app_id = ?').pluck().get(installedAppId);

describe('uninstall purge', { timeout: 30_000 }, () => {
  it('keeps the mirror for the grace period, picks it up again on a reinstall, purges it after', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 30 });
    const first = await installSynced(env);
    const id = first.installedAppId;
    expect(mirrored(env, id)).toBe(30);

    await env.control('POST', `/installs/${id}/uninstall`);
    env.t.clock.advanceSeconds(29 * 86_400);
    expect(await env.t.services.mirrorPurge.run()).toBe(0);
    expect(mirrored(env, id)).toBe(30);

    // Reinstalled on day 29: the same install id, and the queue is there before any sync.
    const again = await env.install();
    expect(again.installedAppId).toBe(id);
    expect(mirrored(env, id)).toBe(30);
    expect((await queue(again, '?pageSize=1')).total).toBe(30);
    await env.t.services.review.sync.idle(id);

    // Straight to the BFF, dated by the BFF's (test) clock, which runs 29 days ahead of the emulator's.
    await uninstallNow(env, id);
    // An import that never finished left staged entries (listed people's names and dates of birth).
    env.t.db
      .prepare(
        'INSERT INTO watchlist_import_rows (installed_app_id, import_id, entry_id, list, entry) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, 'imp_unfinished', 'wl_1', 'sanctions', '{"name":"Jane Listed"}');
    env.t.clock.advanceSeconds(30 * 86_400 - 1);
    expect(await env.t.services.mirrorPurge.run()).toBe(0);
    env.t.clock.advanceSeconds(1);
    expect(await env.t.services.mirrorPurge.run()).toBe(30);
    expect(mirrored(env, id)).toBe(0);
    const names = env.t.db.prepare('SELECT record FROM identity_mirror').pluck().all();
    expect(names).toEqual([]);
    expect(env.t.db.prepare('SELECT COUNT(*) FROM watchlist_import_rows').pluck().get()).toBe(0);
    // Cases and the audit trail are the app's own records: kept.
    expect(env.t.db.prepare('SELECT COUNT(*) FROM kyc_cases WHERE installed_app_id = ?').pluck().get(id)).toBe(30);
  });

  it('with UNINSTALL_PURGE_DAYS=0 purges right after the uninstall is answered', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 20, env: { UNINSTALL_PURGE_DAYS: '0' } });
    const installed = await installSynced(env);
    expect(mirrored(env, installed.installedAppId)).toBe(20);
    const answer = await env.control('POST', `/installs/${installed.installedAppId}/uninstall`);
    expect(answer).toMatchObject({ callback: { status: 200 } });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(mirrored(env, installed.installedAppId)).toBe(0);
  });

  it('refuses a negative or non-numeric UNINSTALL_PURGE_DAYS at start-up', async () => {
    const { parseConfig } = await import('../../src/env');
    const { TEST_ENV } = await import('../support/test-app');
    expect(() => parseConfig({ ...TEST_ENV, UNINSTALL_PURGE_DAYS: '-1' })).toThrow(/UNINSTALL_PURGE_DAYS/);
    expect(() => parseConfig({ ...TEST_ENV, UNINSTALL_PURGE_DAYS: 'soon' })).toThrow(/UNINSTALL_PURGE_DAYS/);
    expect(parseConfig({ ...TEST_ENV }).uninstallPurgeDays).toBe(30);
  });
});
