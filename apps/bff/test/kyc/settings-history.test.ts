import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KYC_SETTINGS, KycSettings, SettingsHistoryDto } from '@kyc-review/contracts';
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
    const label = `Lena Lead (${lead.session.reviewer?.reviewerId ?? ''})`;
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
    expect(newest).toMatchObject({ changed_by: label, before: first, after: second });
    expect(newest?.fields).toEqual([
      { path: 'risk_bands.high', before: 0.7, after: 0.6 },
      { path: 'risk_bands.medium', before: 0.3, after: 0.25 },
    ]);
    expect(oldest).toMatchObject({ changed_by: label, before: DEFAULT_KYC_SETTINGS, after: first });
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
