import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsDto } from '@kyc-review/contracts';
import { API_ROUTES, routeKey, type ForeignIds } from './api-routes';
import { ownTargets } from './own-targets';
import { rowCounts } from './row-counts';
import { createSecurityEnv, envelopeOf, twoInstalls, type SecurityEnv, type Signed } from './security-env';

// Decision 009/014: an id that cannot be one (wrong prefix, wrong alphabet, too long) is a
// 400 validation_failed on every route that takes one, before any service or Cloud call,
// and nothing is stored. A well-formed id that is not the install's stays a 404.

let env: SecurityEnv;
let a: Signed;
let own: ForeignIds;

beforeAll(async () => {
  env = await createSecurityEnv();
  ({ a } = await twoInstalls(env));
  own = await ownTargets(env, a);
});
afterAll(async () => env.close());

const MALFORMED: readonly [string, (ids: ForeignIds) => ForeignIds][] = [
  [
    'no prefix',
    (ids) => ({
      ...ids,
      identityId: 'not-an-id',
      hitId: 'not-a-hit',
      alertId: 'not-an-alert',
      reviewerId: 'not-a-reviewer',
      invitationId: 'not-an-invitation',
      deviceId: 'not-a-device',
      importId: 'not-an-import',
      watchlistVersion: 'latest',
      savedViewId: 'not-a-view',
    }),
  ],
  [
    'another kind of id',
    (ids) => ({
      ...ids,
      identityId: ids.alertId,
      tokenizedId: ids.alertId,
      hitId: ids.identityId,
      alertId: ids.hitId,
      reviewerId: ids.invitationId,
      invitationId: ids.reviewerId,
      deviceId: ids.reviewerId,
      importId: ids.identityId,
      watchlistVersion: ids.identityId,
      savedViewId: ids.identityId,
    }),
  ],
  [
    'a character outside the id alphabet',
    (ids) => ({
      ...ids,
      identityId: 'idt_a%20b',
      hitId: 'hit_a.b',
      alertId: 'ano_a%2Cb',
      reviewerId: 'rvw_a%20b',
      invitationId: 'inv_a.b',
      deviceId: `${'0'.repeat(63)}g`,
      importId: `${ids.importId.slice(0, -1)}g`,
      watchlistVersion: '1.5',
    }),
  ],
  [
    'too long',
    (ids) => ({
      ...ids,
      identityId: `idt_${'a'.repeat(200)}`,
      hitId: `hit_${'a'.repeat(200)}`,
      alertId: `ano_${'a'.repeat(200)}`,
      reviewerId: `rvw_${'a'.repeat(200)}`,
      invitationId: `inv_${'a'.repeat(200)}`,
      deviceId: 'a'.repeat(200),
      importId: `${ids.importId}${'a'.repeat(200)}`,
      watchlistVersion: '9'.repeat(200),
    }),
  ],
];

/** A route's ids made malformed one at a time, so each id is shown to be checked by itself. */
function variants(ids: ForeignIds, bad: ForeignIds): ForeignIds[] {
  return [
    { ...ids, identityId: bad.identityId, tokenizedId: bad.identityId },
    { ...ids, hitId: bad.hitId },
    { ...ids, alertId: bad.alertId },
    { ...ids, reviewerId: bad.reviewerId },
    { ...ids, invitationId: bad.invitationId },
    { ...ids, deviceId: bad.deviceId },
    { ...ids, importId: bad.importId },
    { ...ids, watchlistVersion: bad.watchlistVersion },
  ];
}

describe('malformed ids', () => {
  const withIds = API_ROUTES.filter((r) => r.tenancy === 'foreign-id');

  it.each(withIds.map((r) => [routeKey(r), r] as const))(
    '%s: 400 validation_failed, nothing stored',
    async (_name, route) => {
      const before = rowCounts(env.t.db);
      const wellFormed = route.path(own);
      for (const [what, malform] of MALFORMED) {
        for (const ids of variants(own, malform(own))) {
          const path = route.path(ids);
          if (path === wellFormed) continue; // this route does not take that id
          const res = await env.call(a, path, {
            method: route.method,
            ...(route.body === undefined ? {} : { body: route.body.text }),
          });
          expect(res.status, `${what}: ${path}`).toBe(400);
          expect((await envelopeOf(res)).code, `${what}: ${path}`).toBe('validation_failed');
        }
      }
      expect(rowCounts(env.t.db)).toEqual(before);
    },
  );
});

describe('a JSON body declared as something else', () => {
  it('PUT /api/settings as text/plain is a 400 and the settings stay as they were', async () => {
    const before = SettingsDto.parse(await (await env.call(a, '/api/settings')).json());
    const counts = rowCounts(env.t.db);
    const res = await env.call(a, '/api/settings', {
      method: 'PUT',
      body: JSON.stringify({ ...before.settings, min_age: 30 }),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect((await envelopeOf(res)).message).toMatch(/application\/json/);
    expect(SettingsDto.parse(await (await env.call(a, '/api/settings')).json())).toEqual(before);
    expect(rowCounts(env.t.db)).toEqual(counts);
  });
});
