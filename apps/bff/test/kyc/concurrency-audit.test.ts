import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorBackedApp } from '../support/emulator-app';
import { createReviewEnv, decide, errorCode, history, installSynced, queue, rawApi } from './support/review-env';

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('two decisions at once', () => {
  it('with the ETag as If-Match, one wins and the other is 409 conflict; the audit trail has one decision', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = (await queue(installed, '?status=never_reviewed&risk_level=low')).items[0]?.identity_id ?? '';
    const opened = await installed.rpc.api.cases[':identityId'].$get({ param: { identityId: id } });
    const etag = opened.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^"v\d+"$/);

    const running = env;
    const send = (body: unknown) =>
      rawApi(running, installed, `/api/cases/${id}/decisions`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'If-Match': etag },
      });
    const results = await Promise.all([
      send({ action: 'approve', note: 'reviewer one' }),
      send({ action: 'escalate', note: 'reviewer two' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect(loser && (await errorCode(loser))).toBe('conflict');

    const trail = await history(installed, id);
    expect(trail.items.filter((h) => h.action.startsWith('decision:'))).toHaveLength(1);
    const kyc = env.t.services.review.kyc;
    const kase = kyc.cases.get(installed.installedAppId, id);
    expect(kyc.outbox.forAction(installed.installedAppId, kase?.lastActionId ?? '')).toHaveLength(2);
    expect(kase?.version).toBe(2);
  });

  it('without If-Match the second decision meets the new state and is refused with 409', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = (await queue(installed, '?status=never_reviewed&risk_level=low')).items[0]?.identity_id ?? '';
    const results = await Promise.all([
      decide(installed, id, { action: 'approve' }),
      decide(installed, id, { action: 'approve' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const trail = await history(installed, id);
    expect(trail.items.map((h) => h.action)).toEqual(['decision:approve']);
  });

  it('a malformed If-Match is a 400, and nothing is decided', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = (await queue(installed, '?status=never_reviewed')).items[0]?.identity_id ?? '';
    const res = await rawApi(env, installed, `/api/cases/${id}/decisions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'approve' }),
      headers: { 'If-Match': 'yesterday' },
    });
    expect(res.status).toBe(400);
    expect((await history(installed, id)).items).toHaveLength(0);
  });
});

describe('the audit trail', () => {
  it('the database refuses UPDATE and DELETE on it', async () => {
    env = await createReviewEnv();
    const installed = await installSynced(env);
    const id = (await queue(installed, '?status=never_reviewed&risk_level=low')).items[0]?.identity_id ?? '';
    await decide(installed, id, { action: 'approve' });
    const db = env.t.db;
    expect(() => db.prepare("UPDATE kyc_audit SET actor = 'someone_else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM kyc_audit').run()).toThrow(/append-only/);
    const trail = await history(installed, id);
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({
      actor: installed.session.reviewer?.reviewerId,
      actor_name: 'user_reviewer_1',
    });
  });
});
