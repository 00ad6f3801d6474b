import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  GLOBAL_TABLES,
  KEPT_BEYOND_RETENTION,
  RETAINED_THROUGH_PARENT,
  schemaTables,
  tablesKeyedByInstall,
} from '../../src/db/retention-repository';
import { sqliteDatabase } from '../../src/db/sql/sqlite-driver';
import { yearsBefore } from '../../src/services/retention-service';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, decide, queue, uninstallNow } from './support/review-env';

// RETENTION_YEARS after an uninstall, the app's own records of the install (cases,
// decisions, notes, audit, reviewers, settings, watchlists) are deleted by a daily job
// (docs/cloud-contract.md §8, decision 016). The audit trail and the notes stay append-only otherwise.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const DAY = 86_400;

/** Rows of the install in every table, by table, leaving out empty ones. */
async function rowsOf(e: EmulatorBackedApp, installedAppId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...(await tablesKeyedByInstall(sqliteDatabase(e.t.db))), ...KEPT_BEYOND_RETENTION]) {
    const n = z
      .number()
      .parse(e.t.db.prepare(`SELECT COUNT(*) FROM "${table}" WHERE installed_app_id = ?`).pluck().get(installedAppId));
    if (n > 0) counts[table] = n;
  }
  for (const [table, where] of Object.entries(RETAINED_THROUGH_PARENT)) {
    const n = z
      .number()
      .parse(e.t.db.prepare(`SELECT COUNT(*) FROM "${table}" WHERE ${where}`).pluck().get(installedAppId));
    if (n > 0) counts[table] = n;
  }
  return counts;
}

/** An install (of the emulator's n-th instance) with a decided case, a note, and an audit trail. */
async function installWithRecords(e: EmulatorBackedApp, n = 0) {
  const instance = (await e.instances())[n];
  if (instance === undefined) throw new Error(`the emulator has no instance ${n}`);
  const installed = await e.install(undefined, { instanceId: instance.instance_id });
  expect((await installed.rpc.api.cases.$get({ query: {} })).status).toBe(200);
  await e.t.services.review.sync.idle(installed.installedAppId);
  const [first] = (await queue(installed, '?status=new')).items;
  if (first === undefined) throw new Error('no new case in the seed');
  const note = await installed.rpc.api.cases[':identityId'].notes.$post({
    param: { identityId: first.identity_id },
    json: { text: 'Passport seen.' },
  });
  expect(note.status).toBe(201);
  expect((await decide(installed, first.identity_id, { action: 'escalate', note: 'for the lead' })).status).toBe(200);
  return installed;
}

describe('retention', { timeout: 60_000 }, () => {
  it('keeps an uninstalled install’s records RETENTION_YEARS after the uninstall, then deletes all of them', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 12, now: '2026-03-01T10:00:00.000Z' });
    const gone = await installWithRecords(env);
    const other = await installWithRecords(env, 1);
    const otherBefore = await rowsOf(env, other.installedAppId);
    const before = await rowsOf(env, gone.installedAppId);
    for (const table of ['kyc_cases', 'kyc_audit', 'kyc_case_notes', 'kyc_case_assessments', 'reviewers'])
      expect(before[table] ?? 0).toBeGreaterThan(0);

    await uninstallNow(env, gone.installedAppId);
    const uninstalledAt = env.t.clock.now();
    // Past the mirror's grace period: the mirror goes, the app's records stay.
    env.t.clock.advanceSeconds(31 * DAY);
    await env.t.services.mirrorPurge.run();
    expect(await env.t.services.retention.run()).toBe(0);
    expect((await rowsOf(env, gone.installedAppId))['kyc_audit']).toBeGreaterThanOrEqual(before['kyc_audit'] ?? 0);

    // One second short of five years after the uninstall: nothing is deleted.
    env.t.clock.set(new Date(new Date(uninstalledAt).setUTCFullYear(uninstalledAt.getUTCFullYear() + 5) - 1000));
    expect(await env.t.services.retention.run()).toBe(0);
    expect((await rowsOf(env, gone.installedAppId))['kyc_cases']).toBe(12);

    env.t.clock.advanceSeconds(1);
    expect(await env.t.services.retention.run()).toBeGreaterThan(0);
    // Only the install's ids and its events' fingerprints are left (replays stay recognised).
    expect(Object.keys(await rowsOf(env, gone.installedAppId)).sort()).toEqual(['callback_events', 'installs']);
    const install = await env.t.services.repos.installs.find(gone.installedAppId);
    expect(install?.status).toBe('uninstalled');
    // The other install is untouched, and the job's guard is gone.
    expect(await rowsOf(env, other.installedAppId)).toMatchObject(otherBefore);
    expect(env.t.db.prepare('SELECT COUNT(*) FROM retention_deletions').pluck().get()).toBe(0);
    // A second run finds nothing more to delete.
    expect(await env.t.services.retention.run()).toBe(0);
  });

  it('a reinstall within the retention period stops the clock; the next uninstall starts it again', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 8 });
    const installed = await installWithRecords(env);
    const id = installed.installedAppId;
    await env.control('POST', `/installs/${id}/uninstall`);
    env.t.clock.advanceSeconds(4 * 365 * DAY);
    const again = await env.install();
    expect(again.installedAppId).toBe(id);
    env.t.clock.advanceSeconds(2 * 365 * DAY);
    expect(await env.t.services.retention.run()).toBe(0);
    expect((await rowsOf(env, id))['kyc_cases']).toBe(8);

    await uninstallNow(env, id);
    env.t.clock.advanceSeconds(5 * 365 * DAY - DAY);
    expect(await env.t.services.retention.run()).toBe(0);
    env.t.clock.advanceSeconds(3 * DAY);
    expect(await env.t.services.retention.run()).toBeGreaterThan(0);
    expect((await rowsOf(env, id))['kyc_cases']).toBeUndefined();
  });

  it('the audit trail and the notes still refuse every other delete and every update', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 6 });
    const active = await installWithRecords(env);
    const gone = await installWithRecords(env, 1);
    await uninstallNow(env, gone.installedAppId);
    const db = env.t.db;
    for (const id of [active.installedAppId, gone.installedAppId]) {
      expect(() => db.prepare('DELETE FROM kyc_audit WHERE installed_app_id = ?').run(id)).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM kyc_case_notes WHERE installed_app_id = ?').run(id)).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE kyc_audit SET reason = 'x' WHERE installed_app_id = ?").run(id)).toThrow(
        /append-only/,
      );
      expect(() => db.prepare("UPDATE kyc_case_notes SET body = 'x' WHERE installed_app_id = ?").run(id)).toThrow(
        /append-only/,
      );
    }
    // The guard cannot be set for an active install, so its trail can never be deleted.
    expect(() => db.prepare('INSERT INTO retention_deletions VALUES (?)').run(active.installedAppId)).toThrow(
      /only for an uninstalled install/,
    );
    // A guard set for one uninstalled install lets only that install's rows go.
    const activeAudit = (await rowsOf(env, active.installedAppId))['kyc_audit'];
    db.transaction(() => {
      db.prepare('INSERT INTO retention_deletions VALUES (?)').run(gone.installedAppId);
      expect(() => db.prepare('DELETE FROM kyc_audit').run()).toThrow(/append-only/);
      db.prepare('DELETE FROM retention_deletions').run();
    })();
    expect((await rowsOf(env, active.installedAppId))['kyc_audit']).toBe(activeAudit);
    expect((await rowsOf(env, gone.installedAppId))['kyc_audit']).toBeGreaterThan(0);
  });

  it('every table is either the install’s data, kept on purpose, or global', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 1 });
    // Ordinary tables (the search index's FTS5 tables are an index kept by triggers, not data).
    const tables = await schemaTables(sqliteDatabase(env.t.db));
    const keyed = new Set(await tablesKeyedByInstall(sqliteDatabase(env.t.db)));
    const unclassified = tables.filter(
      (t) =>
        !keyed.has(t) &&
        !KEPT_BEYOND_RETENTION.includes(t) &&
        !(t in RETAINED_THROUGH_PARENT) &&
        !GLOBAL_TABLES.includes(t),
    );
    // A new table without installed_app_id must say how its rows end (db/retention-repository.ts).
    expect(unclassified).toEqual([]);
  });

  it('counts calendar years and refuses a RETENTION_YEARS below 1 or not a number', async () => {
    expect(yearsBefore(new Date('2031-03-01T10:00:00.000Z'), 5).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(yearsBefore(new Date('2028-02-29T00:00:00.000Z'), 1).toISOString()).toBe('2027-03-01T00:00:00.000Z');
    const { parseConfig } = await import('../../src/env');
    const { TEST_ENV } = await import('../support/test-app');
    expect(() => parseConfig({ ...TEST_ENV, RETENTION_YEARS: '0' })).toThrow(/RETENTION_YEARS/);
    expect(() => parseConfig({ ...TEST_ENV, RETENTION_YEARS: 'forever' })).toThrow(/RETENTION_YEARS/);
    expect(parseConfig({ ...TEST_ENV }).retentionYears).toBe(5);
    expect(parseConfig({ ...TEST_ENV, RETENTION_YEARS: '10' }).retentionYears).toBe(10);
  });
});
