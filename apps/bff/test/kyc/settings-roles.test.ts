import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_KYC_SETTINGS,
  ErrorEnvelope,
  SessionDto,
  SettingsDto,
  UserId,
  WatchlistImportPreviewDto,
  WatchlistSummaryDto,
} from '@kyc-review/contracts';
import { z } from 'zod';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import type { ApiAnswer } from '../support/rpc';
import { asUser, createReviewEnv, installSynced, rawApi } from './support/review-env';

// Settings and watchlist changes need role lead or admin (decision 017, replacing
// SETTINGS_EDITORS of decision 013), with the second factor confirmed in the last 15
// minutes (step-up). Everyone signed in reads them.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const CSV = 'name,aliases,dob,country,list,topic\nTest Person One,,1970,FR,Lead List,pep\n';

const importCsv = (e: EmulatorBackedApp, installed: InstalledSession) =>
  rawApi(e, installed, '/api/watchlist/import?mode=append', {
    method: 'POST',
    body: CSV,
    headers: { 'Content-Type': 'text/csv' },
  });
const save = (installed: InstalledSession, minAge = 21) =>
  installed.rpc.api.settings.$put({ json: { ...DEFAULT_KYC_SETTINGS, min_age: minAge } });
const sessionOf = async (installed: InstalledSession) =>
  SessionDto.parse(await (await installed.rpc.api.session.$get()).json());
const stepUp = (installed: InstalledSession, code: string) =>
  installed.rpc.api.session['step-up'].$post({ json: { code } });

/** What a refusal must leave untouched: the stored settings, the watchlist, the audit trail. */
async function snapshot(e: EmulatorBackedApp, installed: InstalledSession) {
  const audit = z
    .object({ n: z.number() })
    .parse(
      e.t.db.prepare('SELECT count(*) AS n FROM kyc_audit WHERE installed_app_id = ?').get(installed.installedAppId),
    ).n;
  return {
    settingsVersion: e.t.services.review.settings.current(installed.installedAppId).version,
    settings: SettingsDto.parse(await (await installed.rpc.api.settings.$get()).json()),
    watchlist: WatchlistSummaryDto.parse(await (await installed.rpc.api.watchlist.$get()).json()),
    audit,
  };
}

const codeOf = async (res: ApiAnswer) => ErrorEnvelope.parse(await res.json()).error.code;

describe('settings and watchlists by role', () => {
  it('a lead saves settings and imports a watchlist; the change names them', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    expect((await sessionOf(lead)).can_edit_settings).toBe(true);

    const saved = await save(lead);
    expect(saved.status).toBe(200);
    expect(SettingsDto.parse(await saved.json())).toMatchObject({
      settings: { min_age: 21 },
      // The reviewer's id and name apart, as every other screen gets them.
      updated_by: lead.session.reviewer?.reviewerId,
      updated_by_name: 'Lena Lead',
    });
    const imported = await importCsv(env, lead);
    expect(imported.status).toBe(200);
    expect(WatchlistImportPreviewDto.parse(await imported.json()).imported).toBe(1);
  });

  it('a reviewer reads the settings but gets 403 role_required, and nothing changes', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    const reviewer = await asUser(env, lead, 'Rita Reviewer', { role: 'reviewer' });
    expect((await sessionOf(reviewer)).can_edit_settings).toBe(false);
    const before = await snapshot(env, reviewer);
    expect(before.watchlist.total).toBe(500);

    for (const res of [await save(reviewer), await importCsv(env, reviewer)]) {
      expect(res.status).toBe(403);
      expect(await codeOf(res)).toBe('role_required');
    }
    expect(await snapshot(env, reviewer)).toEqual(before);
    expect(before.settings).toEqual({
      settings: DEFAULT_KYC_SETTINGS,
      updated_at: null,
      updated_by: null,
      updated_by_name: null,
    });
  });

  it('15 minutes after the last second-factor confirmation a lead must step up; a fresh code lets the save through', async () => {
    env = await createReviewEnv();
    const lead = await installSynced(env, undefined, 'Lena Lead');
    // Two idle periods short of the 15-minute idle timeout, the session kept alive between them.
    env.t.clock.advanceSeconds(10 * 60);
    await sessionOf(lead);
    env.t.clock.advanceSeconds(5 * 60 + 1);
    const stale = await sessionOf(lead);
    expect(Date.parse(stale.reviewer?.second_factor_fresh_until ?? '')).toBeLessThan(env.t.clock.now().getTime());

    const before = await snapshot(env, lead);
    for (const res of [await save(lead), await importCsv(env, lead)]) {
      expect(res.status).toBe(401);
      expect(await codeOf(res)).toBe('step_up_required');
    }
    expect(await snapshot(env, lead)).toEqual(before);

    const wrong = await stepUp(lead, '000000');
    expect(wrong.status).toBe(401);
    expect(await codeOf(wrong)).toBe('sign_in_failed');
    const code = lead.session.reviewer?.code() ?? '';
    const stepped = await stepUp(lead, code);
    expect(stepped.status).toBe(200);
    expect((await save(lead)).status).toBe(200);
    // A code is good once: the same one again is refused (RFC 6238 §5.2).
    expect((await stepUp(lead, code)).status).toBe(401);
  });
});

describe('SETTINGS_EDITORS, deprecated', () => {
  it('a named Cloud user becomes a lead when they launch with that user linked', async () => {
    env = await createReviewEnv({ env: { SETTINGS_EDITORS: 'user_lead_1' } });
    const admin = await installSynced(env, undefined, 'Ada Admin');
    const later = await asUser(env, admin, 'Lou Legacy', { role: 'reviewer' });
    const reviewerId = later.session.reviewer?.reviewerId ?? '';
    await env.t.services.repos.reviewers.linkCloudUser(admin.installedAppId, reviewerId, UserId.parse('user_lead_1'));

    const linked = await env.launch(admin.installedAppId, 'user_lead_1', { portalFields: 'legacy', reviewer: null });
    const dto = SessionDto.parse(
      await (await env.t.app.request('/api/session', { headers: { Cookie: linked.cookie } })).json(),
    );
    expect(dto).toMatchObject({ sign_in: 'signed_in', user_id: 'user_lead_1', can_edit_settings: true });
    expect(dto.reviewer).toMatchObject({ reviewer_id: reviewerId, role: 'lead' });
    // Signed in by the linked Cloud user, not by a second factor: sensitive actions need a step-up.
    expect(dto.reviewer?.second_factor_fresh_until).toBeNull();
  });
});
