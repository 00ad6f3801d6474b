import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_WATCHLIST_PATH } from '@kyc-review/cloud-emulator';
import {
  Alert,
  CaseDetailDto,
  DEFAULT_KYC_SETTINGS,
  SettingsDto,
  ErrorEnvelope,
  WatchlistImportPreviewDto,
  WatchlistSummaryDto,
} from '@kyc-review/contracts';
import { z } from 'zod';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, errorCode, firstBySeed, installSynced, openCase, queue, rawApi } from './support/review-env';
import { importWatchlist } from './support/watchlist-upload';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const csv = (
  installed: Parameters<typeof rawApi>[1],
  e: EmulatorBackedApp,
  body: string,
  type = 'text/csv',
  headers: Record<string, string> = {},
) =>
  rawApi(e, installed, '/api/watchlist/import?mode=replace', {
    method: 'POST',
    body,
    headers: { 'Content-Type': type, ...headers },
  });

describe('watchlist hits', () => {
  it('a false positive does not come back after re-screening, under any of the entry’s names', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'watchlist_exact');
    const opened = await openCase(installed, identity.identity_id);
    const hit = opened.case.hits[0];
    if (hit === undefined) throw new Error('the exact near-match raised no hit');
    expect(hit.disposition).toBe('open');
    expect(opened.case.risk.reasons.map((r) => r.code)).toContain('watchlist_hit');

    const res = await installed.rpc.api.cases[':identityId'].hits[':hitId'].$post({
      param: { identityId: identity.identity_id, hitId: hit.hit_id },
      json: { disposition: 'false_positive', reason_code: 'different_dob', note: 'different person: dob differs' },
    });
    expect(res.status).toBe(200);
    const dismissed = CaseDetailDto.parse(await res.json());
    expect(dismissed.case.hits.find((h) => h.hit_id === hit.hit_id)).toMatchObject({
      disposition: 'false_positive',
      disposed_by: installed.session.reviewer?.reviewerId,
      disposed_by_name: 'user_reviewer_1',
    });
    const stillOpen = dismissed.case.hits.filter(
      (h) => h.disposition === 'open' && h.entry.entry_id === hit.entry.entry_id,
    );
    expect(stillOpen).toHaveLength(0);

    // Re-screening: the same list imported again bumps the version and re-assesses every case.
    const imported = await importWatchlist(env, installed, { raw: readFileSync(DEMO_WATCHLIST_PATH, 'utf8') });
    expect(imported.applied.summary.version).toBeGreaterThan(1);
    await env.t.services.review.sync.idle(installed.installedAppId);
    const rescreened = await openCase(installed, identity.identity_id);
    expect(
      rescreened.case.hits.filter((h) => h.disposition === 'open' && h.entry.entry_id === hit.entry.entry_id),
    ).toHaveLength(0);
    expect(rescreened.case.hits.filter((h) => h.disposition === 'false_positive')).toHaveLength(1);
    const summary = (await queue(installed, '?pageSize=100')).items.find((i) => i.identity_id === identity.identity_id);
    expect(summary?.open_hits).toBe(rescreened.case.hits.filter((h) => h.disposition === 'open').length);
  });

  it('a confirmed hit raises one alert in Cloud and stays on the case as confirmed', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'watchlist_exact');
    const hit = (await openCase(installed, identity.identity_id)).case.hits[0];
    if (hit === undefined) throw new Error('no hit');
    const alertsNow = async () =>
      z.object({ data: z.array(Alert) }).parse(await env?.control('GET', `/alerts?identity_id=${identity.identity_id}`))
        .data;
    // The seed may already hold alerts on this identity (raised by others).
    const before = await alertsNow();
    const dto = CaseDetailDto.parse(
      await (
        await installed.rpc.api.cases[':identityId'].hits[':hitId'].$post({
          param: { identityId: identity.identity_id, hitId: hit.hit_id },
          json: {
            disposition: 'confirmed',
            reason_code: 'confirmed_same_person',
            note: 'Same person: dob and nationality match.',
          },
        })
      ).json(),
    );
    expect(dto.case.hits.find((h) => h.hit_id === hit.hit_id)?.disposition).toBe('confirmed');
    expect(dto.case.write_back).toMatchObject({ metadata: { state: 'not_needed' }, alert: { state: 'pending' } });
    await env.t.services.review.outbox.runOnce();
    const raised = (await alertsNow()).filter((a) => !before.some((b) => b.anomaly_id === a.anomaly_id));
    expect(raised).toHaveLength(1);
    expect(raised[0]?.description).toContain(hit.entry.name);
    expect(dto.case.write_back?.decision_id).toBeDefined();
    expect(raised[0]?.description).toContain(dto.case.write_back?.decision_id);
    await env.t.services.review.outbox.runOnce();
    expect(await alertsNow()).toHaveLength(before.length + 1);
  });

  it('an unknown hit, or a hit on another install’s identity, is a 404', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'complete');
    const res = await installed.rpc.api.cases[':identityId'].hits[':hitId'].$post({
      param: { identityId: identity.identity_id, hitId: 'hit_0000000000000000' },
      json: {
        disposition: 'confirmed',
        reason_code: 'confirmed_same_person',
        note: 'Same person: dob and nationality match.',
      },
    });
    expect(res.status).toBe(404);
    const bad = await installed.api(`/api/cases/${identity.identity_id}/hits/hit_0000000000000000`, {
      method: 'POST',
      body: { disposition: 'maybe' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('settings', () => {
  it('start at the defaults; a change is validated, audited and re-assesses the cases', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const initial = SettingsDto.parse(await (await installed.rpc.api.settings.$get()).json());
    expect(initial).toEqual({
      settings: DEFAULT_KYC_SETTINGS,
      updated_at: null,
      updated_by: null,
      updated_by_name: null,
    });

    const invalid = await installed.rpc.api.settings.$put({ json: { ...DEFAULT_KYC_SETTINGS, min_age: -1 } });
    expect(invalid.status).toBe(400);
    expect(await errorCode(invalid)).toBe('validation_failed');

    const identity = await firstBySeed(env, installed, 'complete');
    expect(
      (await openCase(installed, identity.identity_id)).case.checks.find((c) => c.check_id === 'age')?.status,
    ).toBe('pass');
    const saved = await installed.rpc.api.settings.$put({ json: { ...DEFAULT_KYC_SETTINGS, min_age: 100 } });
    expect(saved.status).toBe(200);
    expect(SettingsDto.parse(await saved.json())).toMatchObject({
      settings: { min_age: 100 },
      updated_by: installed.session.reviewer?.reviewerId,
      updated_by_name: 'user_reviewer_1',
    });
    await env.t.services.review.sync.idle(installed.installedAppId);

    const after = await openCase(installed, identity.identity_id);
    expect(after.case.checks.find((c) => c.check_id === 'age')?.status).toBe('fail');
    expect(after.case.risk.reasons.map((r) => r.code)).toContain('age_under_minimum');
    const audit = z
      .array(z.object({ action: z.string(), actor: z.string(), actor_name: z.string() }))
      .parse(
        env.t.db
          .prepare(
            "SELECT action, actor, actor_name FROM kyc_audit WHERE installed_app_id = ? AND action = 'settings_updated'",
          )
          .all(installed.installedAppId),
      );
    expect(audit).toEqual([
      { action: 'settings_updated', actor: installed.session.reviewer?.reviewerId, actor_name: 'user_reviewer_1' },
    ]);
  });
});

describe('watchlist import', () => {
  it('imports good rows, reports bad rows by line, and replaces only the lists in the file', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const before = WatchlistSummaryDto.parse(await (await installed.rpc.api.watchlist.$get()).json());
    expect(before.total).toBe(500);
    const file = [
      'name,aliases,dob,country,list,topic',
      'Test Person One,T. P. One,1970-01-01,Canada,Local Test List,sanction',
      ',,1970,,Local Test List,pep',
      'Bad Date,,1970-13-45,,Local Test List,pep',
      'Bad Topic,,,,Local Test List,celebrity',
      'Test Person Two,,1981,FR,Local Test List,pep',
    ].join('\n');
    // Three of five rows refused: more than 10%, so nothing is imported; the rows are named.
    const refused = await csv(installed, env, file);
    expect(refused.status).toBe(422);
    const error = ErrorEnvelope.parse(await refused.json()).error;
    expect(error.code).toBe('too_many_refused_rows');
    expect(error.message).toContain('3 of 5 rows (60%) were refused');
    expect(WatchlistImportPreviewDto.pick({ errors: true, imported: true }).parse(error.details)).toMatchObject({
      imported: 2,
      errors: [{ line: 3 }, { line: 4 }, { line: 5 }],
    });
    expect(WatchlistSummaryDto.parse(await (await installed.rpc.api.watchlist.$get()).json())).toEqual(before);

    const good = [file.split('\n')[0], file.split('\n')[1], file.split('\n')[5]].join('\n');
    const { applied } = await importWatchlist(env, installed, { raw: good });
    expect(applied.summary.total).toBe(502);
    expect(applied.summary.lists.find((l) => l.list === 'Local Test List')?.count).toBe(2);
    expect(applied.summary.version).toBe(before.version + 1);

    const replaced = await importWatchlist(env, installed, {
      raw: 'name,list,topic\nOnly Entry,Local Test List,pep\n',
    });
    expect(replaced.preview.changes).toMatchObject({ added: 1, removed: 2, entry_count: 501 });
    expect(replaced.applied.summary.total).toBe(501);

    // A file without the required columns is refused as a whole: 400, nothing stored.
    const nothing = await csv(installed, env, 'name,topic\nNo List Column,pep\n');
    expect(nothing.status).toBe(400);
    expect(await errorCode(nothing)).toBe('invalid_watchlist_file');
    const after = WatchlistSummaryDto.parse(await (await installed.rpc.api.watchlist.$get()).json());
    expect(after.version).toBe(replaced.applied.summary.version);
  });

  it('takes a watchlist file of any supported type and refuses others with a clear error', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const json = await csv(installed, env, '{"name":"x"}', 'application/json');
    expect(json.status).toBe(415);
    expect(await errorCode(json)).toBe('unsupported_watchlist_format');
    const image = await csv(installed, env, 'GIF89a', 'image/gif');
    expect(image.status).toBe(415);
    expect(await errorCode(image)).toBe('unsupported_media_type');
    const claimed = await csv(installed, env, 'name,list,topic\n', 'text/csv', { 'Content-Length': String(2 ** 31) });
    expect(claimed.status).toBe(413);
    // Larger than the 64 KiB JSON limit: streamed, accepted.
    const rows = Array.from({ length: 3_000 }, (_, i) => `Person Number ${String(i)},,,,Bulk List,pep`).join('\n');
    const ok = await csv(installed, env, `name,aliases,dob,country,list,topic\n${rows}\n`);
    expect(ok.status).toBe(200);
    expect(WatchlistImportPreviewDto.parse(await ok.json()).imported).toBe(3_000);
  });
});
