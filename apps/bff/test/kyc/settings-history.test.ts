import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KYC_SETTINGS, KycSettings, SettingsDto, SettingsHistoryDto } from '@kyc-review/contracts';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { asUser, createReviewEnv, errorCode, installSynced } from './support/review-env';

// Every settings change is kept: who, when, the settings before and after, and which of them
// changed; leads read it in Settings, newest first. Each save is also its own audit row.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('settings change history', () => {
  it('lists every save newest first with who, when, before, after and the fields that changed, a page at a time', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    const by = { changed_by: lead.session.reviewer?.reviewerId, changed_by_name: 'Lena Lead' };
    const first = { ...DEFAULT_KYC_SETTINGS, min_age: 21 };
    const second = { ...first, risk_bands: { medium: 0.25, high: 0.6 } };
    expect((await lead.rpc.api.settings.$put({ json: first })).status).toBe(200);
    env.t.clock.advanceMs(60_000);
    expect((await lead.rpc.api.settings.$put({ json: second })).status).toBe(200);

    const res = await lead.rpc.api.settings.history.$get({ query: {} });
    expect(res.status).toBe(200);
    const history = SettingsHistoryDto.parse(await res.json());
    expect(history.next_before).toBeNull();
    expect(history.items.map((i) => i.version)).toEqual([2, 1]);
    const [newest, oldest] = history.items;
    expect(newest).toMatchObject({ ...by, before: first, after: second });
    expect(newest?.fields).toEqual([
      { path: 'risk_bands.high', before: 0.7, after: 0.6 },
      { path: 'risk_bands.medium', before: 0.3, after: 0.25 },
    ]);
    expect(oldest).toMatchObject({ ...by, before: DEFAULT_KYC_SETTINGS, after: first });
    expect(oldest?.fields).toEqual([{ path: 'min_age', before: 18, after: 21 }]);
    expect(Date.parse(newest?.changed_at ?? '') - Date.parse(oldest?.changed_at ?? '')).toBe(60_000);

    // Audited: one settings_updated row per save, with the same before and after.
    const audited = env.t.db
      .prepare(
        "SELECT after_state FROM kyc_audit WHERE installed_app_id = ? AND action = 'settings_updated' ORDER BY audit_id",
      )
      .pluck()
      .all(lead.installedAppId);
    expect(audited.map((a) => KycSettings.parse(JSON.parse(String(a))))).toEqual([first, second]);

    const page1 = SettingsHistoryDto.parse(
      await (await lead.rpc.api.settings.history.$get({ query: { limit: '1' } })).json(),
    );
    expect(page1.items.map((i) => i.version)).toEqual([2]);
    expect(page1.next_before).not.toBeNull();
    const page2 = SettingsHistoryDto.parse(
      await (
        await lead.rpc.api.settings.history.$get({ query: { limit: '1', before: String(page1.next_before) } })
      ).json(),
    );
    expect(page2).toMatchObject({ items: [{ version: 1 }], next_before: null });
  });

  it('reads a save recorded before reviewers (an install key, a Cloud user id) as an id without a name', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    // Rows as migration 0024 carried them over from audit entries that named no reviewer.
    const plant = env.t.db.prepare(`INSERT INTO kyc_settings_history
      (installed_app_id, version, before_settings, after_settings, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)`);
    const json = JSON.stringify(DEFAULT_KYC_SETTINGS);
    plant.run(lead.installedAppId, 1, json, json, 'install:legacy-key', '2026-01-01T00:00:00.000Z');
    plant.run(lead.installedAppId, 2, json, json, 'user_0f3a', '2026-01-02T00:00:00.000Z');
    // A display name with parentheses of its own keeps them; only the trailing reviewer id is split off.
    plant.run(lead.installedAppId, 3, json, json, 'Ana (Ops) (rvw_legacy1)', '2026-01-03T00:00:00.000Z');
    env.t.db
      .prepare(
        `INSERT INTO kyc_settings (installed_app_id, settings, version, updated_at, updated_by) VALUES (?, ?, 3, ?, ?)`,
      )
      .run(lead.installedAppId, json, '2026-01-03T00:00:00.000Z', 'user_0f3a');

    const history = SettingsHistoryDto.parse(await (await lead.rpc.api.settings.history.$get({ query: {} })).json());
    expect(history.items.map((i) => [i.changed_by, i.changed_by_name])).toEqual([
      ['rvw_legacy1', 'Ana (Ops)'],
      ['user_0f3a', null],
      ['install:legacy-key', null],
    ]);
    const settings = SettingsDto.parse(await (await lead.rpc.api.settings.$get()).json());
    expect(settings).toMatchObject({ updated_by: 'user_0f3a', updated_by_name: null });
  });

  it('is for leads (403 role_required for a reviewer), refuses a bad page (400), and a refused save leaves no entry', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    const reviewer = await asUser(env, lead, 'Rita Reviewer', { role: 'reviewer' });
    const refused = await reviewer.rpc.api.settings.history.$get({ query: {} });
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe('role_required');
    const badPage = await lead.api('/api/settings/history?limit=0');
    expect(badPage.status).toBe(400);
    expect((await reviewer.rpc.api.settings.$put({ json: { ...DEFAULT_KYC_SETTINGS, min_age: 40 } })).status).toBe(403);
    const invalid = await lead.api('/api/settings', { method: 'PUT', body: { ...DEFAULT_KYC_SETTINGS, min_age: -1 } });
    expect(invalid.status).toBe(400);
    const history = SettingsHistoryDto.parse(await (await lead.rpc.api.settings.history.$get({ query: {} })).json());
    expect(history.items).toEqual([]);
  });
});
