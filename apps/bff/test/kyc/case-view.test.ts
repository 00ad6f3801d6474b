import { afterEach, describe, expect, it } from 'vitest';
import { RevealDto } from '@kyc-review/contracts';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { asUser, createReviewEnv, firstBySeed, history, installSynced, openCase, queue } from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('the case view', () => {
  it('opening a case re-reads the identity from Cloud and re-assesses what changed', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'complete');
    expect(
      (await openCase(installed, identity.identity_id)).case.checks.find((c) => c.check_id === 'age')?.status,
    ).toBe('pass');

    // Someone corrects the date of birth in the ledger: the person turns out to be a minor.
    const put = await fetch(
      `${env.emulatorUrl}/proxy/identities/${identity.identity_id}?instance_id=${installed.instanceId}`,
      {
        method: 'PUT',
        headers: { Authorization: `Bearer ${installed.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ dob: '2015-06-01' }),
      },
    );
    expect(put.status).toBe(200);
    const reopened = await openCase(installed, identity.identity_id);
    expect(reopened.identity.dob).toContain('2015-06-01');
    expect(reopened.case.checks.find((c) => c.check_id === 'age')?.status).toBe('fail');
    expect(reopened.case.risk.reasons.map((r) => r.code)).toContain('age_under_minimum');
    const summary = (await queue(installed, '?pageSize=100')).items.find((i) => i.identity_id === identity.identity_id);
    expect(summary?.risk_score).toBe(reopened.case.risk.score);
  });

  it('gives the ISO code of the country however the identity spells it, on the queue and the case', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const items = (await queue(installed, '?pageSize=100')).items;
    // The seed spells countries as codes, names and upper-case names.
    const byText = new Map(items.map((i) => [i.country, i.country_code]));
    expect(byText.get('GB')).toBe('GB');
    expect(byText.get('United Kingdom')).toBe('GB');
    expect(byText.get('UNITED STATES')).toBe('US');
    expect(byText.get('Germany')).toBe('DE');
    const item = items.find((i) => i.country === 'Germany');
    if (item === undefined) throw new Error('the seed has no German identity');
    const detail = await openCase(installed, item.identity_id);
    expect(detail.case.countries.country).toBe('DE');
    expect(detail.case.countries.nationality).toMatch(/^[A-Z]{2}$/);
  });

  it('POST /api/cases/refresh re-syncs in the background, one run at a time', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const refresh = () => installed.rpc.api.cases.refresh.$post();
    const first = await refresh();
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ started: true });
    const second = await refresh();
    expect(await second.json()).toEqual({ started: false });
    expect((await queue(installed)).syncing).toBe(true);
    await env.t.services.review.sync.idle(installed.installedAppId);
    expect((await queue(installed)).syncing).toBe(false);
    expect((await queue(installed)).total).toBe(40);
  });

  it('a queue request re-syncs in the background once the last sync is older than 15 minutes', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    expect((await queue(installed)).syncing).toBe(false);
    env.t.clock.advanceSeconds(16 * 60);
    const later = await asUser(env, installed, 'user_reviewer_1');
    expect((await queue(later)).syncing).toBe(true);
    await env.t.services.review.sync.idle(installed.installedAppId);
  });

  it('a sync that fails leaves the queue answering, and a refresh fills it once Cloud is back', async () => {
    env = await createReviewEnv();
    const installed = await env.install();
    await env.control('POST', '/faults', { status: 503, count: 50 });
    expect((await queue(installed)).total).toBe(0);
    await env.t.services.review.sync.idle(installed.installedAppId);
    expect(env.t.services.review.kyc.mirror.syncState(installed.installedAppId)).toMatchObject({
      lastError: 'cloud_unavailable',
    });
    await env.control('DELETE', '/faults');
    expect(await (await installed.rpc.api.cases.refresh.$post()).json()).toEqual({ started: true });
    await env.t.services.review.sync.idle(installed.installedAppId);
    expect((await queue(installed)).total).toBe(40);
  });

  it('reveals a tokenized field with data:write; the audit names the field, never the value', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const identity = await firstBySeed(env, installed, 'tokenized');
    const opened = await openCase(installed, identity.identity_id);
    expect(opened.identity.tokenized_fields).toContain('first_name');
    expect(opened.identity.first_name.startsWith('FPT:')).toBe(true);

    const res = await installed.rpc.api.cases[':identityId'].reveal.$post({
      param: { identityId: identity.identity_id },
      json: { field: 'first_name' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const revealed = RevealDto.parse(await res.json());
    expect(revealed.field).toBe('first_name');
    expect(revealed.value).not.toBe('');
    expect(revealed.value.startsWith('FPT:')).toBe(false);

    const trail = await history(installed, identity.identity_id);
    expect(trail.items[0]).toMatchObject({
      action: 'field_revealed',
      after: { field: 'first_name' },
      actor: installed.session.reviewer?.reviewerId,
      actor_name: 'user_reviewer_1',
    });
    expect(JSON.stringify(trail)).not.toContain(revealed.value);
    expect(env.t.logs.join('\n')).not.toContain(revealed.value);
    // A field the contract does not name: sent raw.
    const invalid = await installed.api(`/api/cases/${identity.identity_id}/reveal`, {
      method: 'POST',
      body: { field: 'dob' },
    });
    expect(invalid.status).toBe(400);
  });
});
