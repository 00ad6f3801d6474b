import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_KYC_SETTINGS, SettingsImpactDto, type KycSettings } from '@kyc-review/contracts';
import { resolveCountry } from '@kyc-review/kyc';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import {
  asUser,
  createReviewEnv,
  decide,
  drainOutbox,
  errorCode,
  firstBySeed,
  installSynced,
} from './support/review-env';

// The settings impact preview: every case judged again under proposed settings, in memory.
// Its figures must be what saving those settings then does, and asking writes nothing.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const Band = z.object({ identity_id: z.string(), risk_level: z.string(), status: z.string() });

/** Every case's band and status, and the counts a preview must leave as they were. */
function snapshot(e: EmulatorBackedApp, installedAppId: string) {
  const count = (table: string) =>
    Number(e.t.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE installed_app_id = ?`).pluck().get(installedAppId));
  const cases = e.t.db
    .prepare('SELECT identity_id, risk_level, status FROM kyc_cases WHERE installed_app_id = ? ORDER BY identity_id')
    .all(installedAppId)
    .map((r) => Band.parse(r));
  return {
    cases,
    settingsVersion: e.t.services.review.settings.current(installedAppId).version,
    outbox: count('kyc_outbox'),
    audit: count('kyc_audit'),
    changes: count('kyc_case_changes'),
  };
}

const preview = (installed: InstalledSession, settings: KycSettings) =>
  installed.rpc.api.settings.impact.$post({ json: settings });

async function saveAndSettle(e: EmulatorBackedApp, installed: InstalledSession, settings: KycSettings) {
  expect((await installed.rpc.api.settings.$put({ json: settings })).status).toBe(200);
  await e.t.services.review.sync.idle(installed.installedAppId);
}

/** What a save did, case by case: bands that moved and cases that entered needs_rereview. */
function outcome(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>) {
  const was = new Map(before.cases.map((c) => [c.identity_id, c]));
  const moved = after.cases.filter((c) => was.get(c.identity_id)?.risk_level !== c.risk_level);
  const reopened = after.cases.filter(
    (c) => c.status === 'needs_rereview' && was.get(c.identity_id)?.status !== 'needs_rereview',
  );
  return {
    bandChanges: moved.length,
    reopened: reopened.map((c) => c.identity_id),
    alerts: after.changes - before.changes,
  };
}

describe('settings impact preview', () => {
  it('predicts band changes and re-reviews exactly, writes nothing, and the save then does what it said', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    const identity = await firstBySeed(env, lead, 'complete');
    expect((await decide(lead, identity.identity_id, { action: 'approve' })).status).toBe(200);
    await drainOutbox(env);
    const code = resolveCountry(identity.country);
    if (code === null) throw new Error(`the seed's country ${identity.country} does not resolve`);
    // The approved customer's country goes on the call-for-action list: a hard stop, high risk.
    const proposed: KycSettings = {
      ...DEFAULT_KYC_SETTINGS,
      min_age: 30,
      fatf: { ...DEFAULT_KYC_SETTINGS.fatf, call_for_action: [...DEFAULT_KYC_SETTINGS.fatf.call_for_action, code] },
    };
    const before = snapshot(env, lead.installedAppId);

    const res = await preview(lead, proposed);
    expect(res.status).toBe(200);
    const impact = SettingsImpactDto.parse(await res.json());
    expect(snapshot(env, lead.installedAppId)).toEqual(before);
    expect(impact.cases).toBe(before.cases.length);
    expect(impact.rescreened).toBe(false);
    expect(impact.band_changes).toBeGreaterThan(0);
    expect(impact.band_moves.reduce((n, m) => n + m.cases, 0)).toBe(impact.band_changes);
    expect(impact.would_need_rereview).toBeGreaterThanOrEqual(1);
    const approved = impact.samples.find((s) => s.identity_id === identity.identity_id);
    expect(approved).toMatchObject({ status: 'approved', risk_after: 'high', needs_rereview: true });
    expect(approved?.changes.join(' ')).toMatch(/Risk went up/);
    expect(impact.samples[0]?.needs_rereview).toBe(true);

    await saveAndSettle(env, lead, proposed);
    const after = snapshot(env, lead.installedAppId);
    const done = outcome(before, after);
    expect(done.bandChanges).toBe(impact.band_changes);
    expect(done.reopened.length).toBe(impact.would_need_rereview);
    expect(done.reopened).toContain(identity.identity_id);
    expect(done.alerts).toBe(impact.alerts);

    // Asked again for what is saved now: nothing would change.
    const again = SettingsImpactDto.parse(await (await preview(lead, proposed)).json());
    expect(again).toMatchObject({ band_changes: 0, would_need_rereview: 0, alerts: 0, samples: [] });
  });

  it('a lower threshold screens every identity again, and the prediction still holds', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    const proposed: KycSettings = { ...DEFAULT_KYC_SETTINGS, watchlist_threshold: 0.6 };
    const before = snapshot(env, lead.installedAppId);
    const impact = SettingsImpactDto.parse(await (await preview(lead, proposed)).json());
    expect(impact.rescreened).toBe(true);
    // Looser matching finds more hits: some cases move, and seeded approved ones need a re-review.
    expect(impact.band_changes).toBeGreaterThan(0);
    expect(impact.alerts).toBeGreaterThan(0);
    expect(snapshot(env, lead.installedAppId)).toEqual(before);
    await saveAndSettle(env, lead, proposed);
    const done = outcome(before, snapshot(env, lead.installedAppId));
    expect(done.bandChanges).toBe(impact.band_changes);
    expect(done.reopened.length).toBe(impact.would_need_rereview);
    expect(done.alerts).toBe(impact.alerts);
  });

  it('is for leads only (403 role_required), refuses invalid settings (400), and writes nothing either way', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    const reviewer = await asUser(env, lead, 'Rita Reviewer', { role: 'reviewer' });
    const before = snapshot(env, lead.installedAppId);
    const refused = await preview(reviewer, DEFAULT_KYC_SETTINGS);
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe('role_required');
    const invalid = await lead.api('/api/settings/impact', {
      method: 'POST',
      body: { ...DEFAULT_KYC_SETTINGS, risk_bands: { medium: 0.9, high: 0.2 } },
    });
    expect(invalid.status).toBe(400);
    expect(await errorCode(invalid)).toBe('validation_failed');
    expect(snapshot(env, lead.installedAppId)).toEqual(before);
  });
});
