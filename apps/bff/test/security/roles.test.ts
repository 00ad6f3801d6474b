import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewerRole } from '@kyc-review/contracts';
import { signInAs } from '../support/reviewers';
import { API_ROUTES, routeKey, type ApiRoute, type ForeignIds } from './api-routes';
import { ownTargets } from './own-targets';
import { rowCounts } from './row-counts';
import { createSecurityEnv, envelopeOf, type SecurityEnv, type Signed } from './security-env';

// Roles on EVERY /api route (decision 017): the route table declares each route's role,
// and this suite holds the running app to it. A launch nobody signed in on gets 401
// reviewer_required everywhere but /api/session/*; a role below the route's gets 403
// role_required; neither stores anything.

let env: SecurityEnv;
let admin: Signed;
let own: ForeignIds;
const as: Partial<Record<'launched' | ReviewerRole, Signed>> = {};

/** A second launch of the same install, with nobody or a reviewer of `role` signed in on it. */
async function launchAs(role: 'launched' | ReviewerRole): Promise<Signed> {
  const { cookie } = await env.enter(await env.launchToken(admin.installedAppId));
  if (cookie === null) throw new Error('/portal/enter refused a fresh token');
  if (role !== 'launched') await signInAs(env.t, admin.installedAppId, cookie, `${role} for roles`, { role });
  const dto: unknown = await (await env.t.app.request('/api/session', { headers: { Cookie: cookie } })).json();
  const csrfToken =
    typeof dto === 'object' && dto !== null && 'csrf_token' in dto && typeof dto.csrf_token === 'string'
      ? dto.csrf_token
      : '';
  return { ...admin, cookie, csrfToken };
}

beforeAll(async () => {
  env = await createSecurityEnv();
  const [first] = await env.instances();
  if (first === undefined) throw new Error('the emulator seeds an instance');
  admin = await env.installAndEnter(first.instance_id);
  own = await ownTargets(env, admin);
  for (const role of ['launched', 'reviewer', 'lead'] as const) as[role] = await launchAs(role);
});
afterAll(async () => env.close());

const call = (who: Signed, route: ApiRoute) =>
  env.call(who, route.path(own), {
    method: route.method,
    ...(route.body === undefined ? {} : { body: route.body.text, headers: { 'Content-Type': route.body.contentType } }),
  });

const below: Record<ReviewerRole, 'launched' | ReviewerRole> = {
  reviewer: 'launched',
  lead: 'reviewer',
  admin: 'lead',
};

describe('every /api route answers to the role it declares', () => {
  it('every route declares a role (the table is checked against the app in tenancy-every-route)', () => {
    for (const route of API_ROUTES)
      expect(['launched', 'reviewer', 'lead', 'admin'], routeKey(route)).toContain(route.role);
  });

  it.each(API_ROUTES.filter((r) => r.role !== 'launched').map((r) => [routeKey(r), r] as const))(
    '%s: a launch with nobody signed in is 401 reviewer_required, nothing stored',
    async (_name, route) => {
      const before = rowCounts(env.t.db);
      const res = await call(as.launched ?? admin, route);
      expect(res.status).toBe(401);
      expect((await envelopeOf(res)).code).toBe('reviewer_required');
      expect(rowCounts(env.t.db)).toEqual(before);
    },
  );

  it.each(API_ROUTES.filter((r) => r.role === 'lead' || r.role === 'admin').map((r) => [routeKey(r), r] as const))(
    '%s: the role below it is 403 role_required, nothing stored',
    async (_name, route) => {
      const role = below[route.role === 'admin' ? 'admin' : 'lead'];
      const who = as[role];
      if (who === undefined) throw new Error(`no session for ${role}`);
      const before = rowCounts(env.t.db);
      const res = await call(who, route);
      expect(res.status).toBe(403);
      expect(await envelopeOf(res)).toMatchObject({ code: 'role_required' });
      expect(rowCounts(env.t.db)).toEqual(before);
    },
  );

  it('the /api/session routes answer a launch with nobody signed in, and say so', async () => {
    const res = await env.call(as.launched ?? admin, '/api/session');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sign_in: 'sign_in_required', reviewer: null, can_edit_settings: false });
  });
});
