import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/http/session-middleware';
import { routeKey, stateChanging, type ApiRoute, type ForeignIds } from './api-routes';
import { alertsOn } from './cloud-records';
import { ownTargets } from './own-targets';
import { rowCounts } from './row-counts';
import { createSecurityEnv, envelopeOf, twoInstalls, type SecurityEnv, type Signed } from './security-env';

// Cross-site request forgery (docs/cloud-contract.md §8): the session cookie is SameSite=None (it must
// be, inside Cloud's iframe), so a page on another site can make the browser send it.
// Every state-changing /api route therefore needs the session's CSRF token in a header
// and a same-origin Origin. Each forged variant is 403 and changes nothing; the same call
// with both right then goes through, so the 403 was the CSRF check's.

let env: SecurityEnv;
let a: Signed;
let b: Signed;
let own: ForeignIds;

beforeAll(async () => {
  env = await createSecurityEnv();
  ({ a, b } = await twoInstalls(env));
  own = await ownTargets(env, a);
});
afterAll(async () => env.close());

function forgeries(): [string, Record<string, string>][] {
  return [
    ['an Origin of another site', { Origin: 'https://evil.example' }],
    ['an Origin that only starts like ours', { Origin: `${env.t.config.publicOrigin}.evil.example` }],
    ['no Origin', { Origin: '' }],
    ['no CSRF header', { [CSRF_HEADER]: '' }],
    ['a wrong CSRF token', { [CSRF_HEADER]: 'not-the-token-0123456789abcdef' }],
    ["another session's CSRF token", { [CSRF_HEADER]: b.csrfToken }],
  ];
}

const send = (route: ApiRoute, headers: Record<string, string> = {}) =>
  env.call(a, route.path(own), {
    method: route.method,
    ...(route.body === undefined ? {} : { body: route.body.text }),
    headers: { ...(route.body === undefined ? {} : { 'Content-Type': route.body.contentType }), ...headers },
  });

describe('state-changing calls carrying the cookie', () => {
  it.each(stateChanging.map((r) => [routeKey(r), r] as const))(
    '%s: every forgery is 403 and changes nothing',
    async (_name, route) => {
      const before = rowCounts(env.t.db);
      const alertsBefore = await alertsOn(env, own.identityId);
      for (const [name, headers] of forgeries()) {
        const res = await send(route, headers);
        expect(res.status, name).toBe(403);
        expect((await envelopeOf(res)).code, name).toBe('csrf_failed');
      }
      expect(rowCounts(env.t.db)).toEqual(before);
      expect(await alertsOn(env, own.identityId)).toEqual(alertsBefore);

      const genuine = await send(route);
      if (route.genuineStatus === undefined) expect(genuine.status, await genuine.clone().text()).toBeLessThan(300);
      else expect(genuine.status, await genuine.clone().text()).toBe(route.genuineStatus);
    },
  );

  it('no key, launch token, session id or callback key in any response body or log line', () => {
    env.expectNoSecretsLeaked();
  });
});
