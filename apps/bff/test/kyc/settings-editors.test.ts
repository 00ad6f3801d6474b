import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_KYC_SETTINGS,
  ErrorEnvelope,
  SessionDto,
  SettingsDto,
  WatchlistImportResultDto,
  WatchlistSummaryDto,
} from '@kyc-review/contracts';
import { z } from 'zod';
import { apiHeaders, createTestApp, installApp, portalRequest, postCloud, type TestApp } from '../support';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { asUser, createReviewEnv, installSynced, rawApi } from './support/review-env';

// SETTINGS_EDITORS (decision 013): only the named Cloud users change settings or import
// watchlists; everyone else reads them. Unset, every reviewer of the install may.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const CSV = 'name,aliases,dob,country,list,topic\nTest Person One,,1970,FR,Lead List,pep\n';

const importCsv = (e: EmulatorBackedApp, installed: InstalledSession) =>
  rawApi(e, installed, '/api/watchlist/import', { method: 'POST', body: CSV, headers: { 'Content-Type': 'text/csv' } });

const canEdit = async (installed: InstalledSession) =>
  SessionDto.parse(await (await installed.api('/api/session')).json()).can_edit_settings;

/** What a refusal must leave untouched: the stored settings, the watchlist, the audit trail. */
async function snapshot(e: EmulatorBackedApp, installed: InstalledSession) {
  const audit = z
    .object({ n: z.number() })
    .parse(
      e.t.db.prepare('SELECT count(*) AS n FROM kyc_audit WHERE installed_app_id = ?').get(installed.installedAppId),
    ).n;
  return {
    settingsVersion: e.t.services.review.settings.current(installed.installedAppId).version,
    settings: SettingsDto.parse(await (await installed.api('/api/settings')).json()),
    watchlist: WatchlistSummaryDto.parse(await (await installed.api('/api/watchlist')).json()),
    audit,
  };
}

async function expectReadOnly(res: Response) {
  expect(res.status).toBe(403);
  const { error } = ErrorEnvelope.parse(await res.json());
  expect(error.code).toBe('settings_read_only');
  expect(error.message).toBe(
    'Only the compliance leads named for this install can change settings and import watchlists.',
  );
}

describe('with SETTINGS_EDITORS set', () => {
  it('a listed user saves settings and imports a watchlist', async () => {
    env = await createReviewEnv({ env: { SETTINGS_EDITORS: 'user_lead_1, user_lead_2' } });
    const lead = await installSynced(env, undefined, 'user_lead_1');
    expect(await canEdit(lead)).toBe(true);

    const saved = await lead.api('/api/settings', { method: 'PUT', body: { ...DEFAULT_KYC_SETTINGS, min_age: 21 } });
    expect(saved.status).toBe(200);
    expect(SettingsDto.parse(await saved.json())).toMatchObject({
      settings: { min_age: 21 },
      updated_by: 'user_lead_1',
    });
    const imported = await importCsv(env, lead);
    expect(imported.status).toBe(200);
    expect(WatchlistImportResultDto.parse(await imported.json()).imported).toBe(1);
  });

  it('another user reads the settings but gets 403 settings_read_only, and nothing changes', async () => {
    env = await createReviewEnv({ env: { SETTINGS_EDITORS: 'user_lead_1' } });
    const lead = await installSynced(env, undefined, 'user_lead_1');
    const reviewer = await asUser(env, lead, 'user_reviewer_9');
    expect(await canEdit(reviewer)).toBe(false);
    const before = await snapshot(env, reviewer);
    expect(before.watchlist.total).toBe(500);

    await expectReadOnly(
      await reviewer.api('/api/settings', { method: 'PUT', body: { ...DEFAULT_KYC_SETTINGS, min_age: 21 } }),
    );
    await expectReadOnly(await importCsv(env, reviewer));

    expect(await snapshot(env, reviewer)).toEqual(before);
    expect(before.settings).toEqual({ settings: DEFAULT_KYC_SETTINGS, updated_at: null, updated_by: null });
  });
});

describe('with SETTINGS_EDITORS unset', () => {
  it('any reviewer of the install may save and import', async () => {
    env = await createReviewEnv();
    const first = await installSynced(env, undefined, 'user_reviewer_1');
    const other = await asUser(env, first, 'user_reviewer_9');
    expect(await canEdit(other)).toBe(true);

    const saved = await other.api('/api/settings', { method: 'PUT', body: { ...DEFAULT_KYC_SETTINGS, min_age: 21 } });
    expect(saved.status).toBe(200);
    expect(SettingsDto.parse(await saved.json()).updated_by).toBe('user_reviewer_9');
    expect((await importCsv(env, other)).status).toBe(200);
  });
});

describe('a launch without a user id', () => {
  let t: TestApp | undefined;
  afterEach(() => {
    t?.close();
    t = undefined;
  });

  /** Cloud may omit user_id (contract §3): the session then has none. */
  async function anonymousSession(app: TestApp) {
    await installApp(app);
    const { user_id: _omitted, ...request } = portalRequest();
    const launch = z
      .object({ portal_url: z.string() })
      .parse(await (await postCloud(app, '/cloud/portal', request)).json());
    const url = new URL(launch.portal_url);
    const cookie =
      ((await app.app.request(`${url.pathname}${url.search}`)).headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const dto = SessionDto.parse(await (await app.app.request('/api/session', { headers: { Cookie: cookie } })).json());
    return { dto, session: { cookie, csrfToken: dto.csrf_token, origin: app.config.publicOrigin } };
  }

  it('can never edit when the list is set', async () => {
    t = createTestApp({ env: { SETTINGS_EDITORS: 'user_lead_1' } });
    const { dto, session } = await anonymousSession(t);
    expect(dto.user_id).toBeNull();
    expect(dto.can_edit_settings).toBe(false);
    const res = await t.app.request('/api/settings', {
      method: 'PUT',
      headers: apiHeaders(session),
      body: JSON.stringify(DEFAULT_KYC_SETTINGS),
    });
    await expectReadOnly(res);
    expect(t.db.prepare('SELECT count(*) AS n FROM kyc_settings').get()).toEqual({ n: 0 });
  });
});
