import { afterEach, describe, expect, it } from 'vitest';
import { SAVED_VIEW_MAX, SavedViewDto, SavedViewListDto } from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { asUser, createReviewEnv, errorCode, installSynced } from './support/review-env';

// Saved views over HTTP (issue 12, decision 021): a reviewer names a filter combination and
// keeps it; each reviewer sees and deletes only their own, per install; bad input is a 400
// that stores nothing, another's view a 404.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const list = async (who: InstalledSession) => {
  const res = await who.api('/api/saved-views');
  expect(res.status).toBe(200);
  return SavedViewListDto.parse(await res.json()).items;
};
const save = (who: InstalledSession, body: unknown) => who.api('/api/saved-views', { method: 'POST', body });
const rows = (e: EmulatorBackedApp) => Number(e.t.db.prepare('SELECT count(*) FROM kyc_saved_views').pluck().get());

describe('saved views', () => {
  it('saves, lists by name, applies as written and deletes a reviewer’s own views', async () => {
    env = await createReviewEnv();
    const ada = await installSynced(env);
    expect(await list(ada)).toEqual([]);
    const filters = { assignee: 'me', open: 'true', risk_level: 'high', q: 'ann', sort: 'due_at_asc' };
    const res = await save(ada, { name: '  High risk, mine  ', filters });
    expect(res.status).toBe(201);
    const created = SavedViewDto.parse(await res.json());
    expect(created).toMatchObject({ name: 'High risk, mine', filters });
    expect((await save(ada, { name: 'All overdue', filters: { overdue: 'true' } })).status).toBe(201);
    const views = await list(ada);
    expect(views.map((v) => v.name)).toEqual(['All overdue', 'High risk, mine']);
    // Kept as written: `me` stays `me`, so the view means whoever applies it (its owner).
    expect(views[1]?.filters).toEqual(filters);
    expect(views[0]?.filters).toEqual({ overdue: 'true', sort: 'risk_desc' });

    const del = await ada.api(`/api/saved-views/${created.view_id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await list(ada)).map((v) => v.name)).toEqual(['All overdue']);
    const again = await ada.api(`/api/saved-views/${created.view_id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('keeps each reviewer’s views their own: another reviewer neither sees nor deletes them (404)', async () => {
    env = await createReviewEnv();
    const ada = await installSynced(env);
    const rita = await asUser(env, ada, 'Rita Reviewer', { role: 'reviewer' });
    const created = SavedViewDto.parse(await (await save(ada, { name: 'Mine', filters: { assignee: 'me' } })).json());
    expect(await list(rita)).toEqual([]);
    const foreign = await rita.api(`/api/saved-views/${created.view_id}`, { method: 'DELETE' });
    expect(foreign.status).toBe(404);
    expect(await errorCode(foreign)).toBe('not_found');
    expect((await list(ada)).map((v) => v.view_id)).toEqual([created.view_id]);
    // Another install's session cannot reach it either.
    const [a, b] = await env.instances();
    if (a === undefined || b === undefined) throw new Error('the emulator needs two instances');
    const other = await env.install(undefined, {
      instanceId: ada.instanceId === a.instance_id ? b.instance_id : a.instance_id,
    });
    expect(await list(other)).toEqual([]);
    expect((await other.api(`/api/saved-views/${created.view_id}`, { method: 'DELETE' })).status).toBe(404);
    // The same name is free for another reviewer.
    expect((await save(rita, { name: 'Mine', filters: { assignee: 'me' } })).status).toBe(201);
  });

  it('refuses bad input with 400 and a taken name with 409, storing nothing', async () => {
    env = await createReviewEnv();
    const ada = await installSynced(env);
    expect((await save(ada, { name: 'Taken', filters: {} })).status).toBe(201);
    const before = rows(env);
    for (const body of [
      { name: '', filters: {} },
      { name: '   ', filters: {} },
      { name: 'x'.repeat(61), filters: {} },
      { name: 'Bad risk', filters: { risk_level: 'extreme' } },
      { name: 'Unknown filter', filters: { page: 3 } },
      { name: 'Extra field', filters: {}, owner: 'rvw_x' },
      { filters: {} },
    ]) {
      const res = await save(ada, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
    expect((await save(ada, 'not an object')).status).toBe(400);
    const taken = await save(ada, { name: 'Taken', filters: { open: 'true' } });
    expect(taken.status).toBe(409);
    expect(rows(env)).toBe(before);
    expect((await ada.api('/api/saved-views/not-an-id', { method: 'DELETE' })).status).toBe(400);
  });

  it(`keeps at most ${String(SAVED_VIEW_MAX)} views per reviewer, and says so`, async () => {
    env = await createReviewEnv();
    const ada = await installSynced(env);
    for (let i = 0; i < SAVED_VIEW_MAX; i++)
      expect((await save(ada, { name: `View ${String(i)}`, filters: {} })).status).toBe(201);
    const over = await save(ada, { name: 'One more', filters: {} });
    expect(over.status).toBe(400);
    expect(await errorCode(over)).toBe('validation_failed');
    expect(rows(env)).toBe(SAVED_VIEW_MAX);
  });
});
