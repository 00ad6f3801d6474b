import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Permission } from '@kyc-review/contracts';
import { createEmulatorBackedApp, type EmulatorBackedApp, type InstalledSession } from '../support';
import { clearCalls, cloudCalls, errorOf, identitiesOf } from './api-helpers';

// Every route with and without its scope (docs/cloud-contract.md §6.1): without it the BFF answers
// 403 missing_permission naming the scope, and Cloud never hears of the request.

type Route = {
  readonly name: string;
  readonly scopes: readonly Permission[];
  readonly method: string;
  readonly path: () => string;
  readonly body?: unknown;
  readonly ok: number;
};

let env: EmulatorBackedApp;
let identityId = '';
let alertId = '';
let current: InstalledSession | undefined;

/** One install per instance (docs/cloud-contract.md §2): uninstall the last one, then install with these scopes. */
async function reinstall(permissions: readonly Permission[]): Promise<InstalledSession> {
  if (current !== undefined) await env.control('POST', `/installs/${current.installedAppId}/uninstall`);
  current = await env.install(permissions);
  return current;
}

beforeAll(async () => {
  env = await createEmulatorBackedApp({ identitiesPerInstance: 30 });
  const full = await reinstall(Permission.options);
  identityId = (await identitiesOf(env, full))[0]?.identity_id ?? '';
  const created = z.object({ anomaly_id: z.string() }).parse(
    await (
      await full.rpc.api.identities[':identityId'].alerts.$post({
        param: { identityId: identityId },
        json: { description: 'Scope test alert' },
      })
    ).json(),
  );
  alertId = created.anomaly_id;
});
afterAll(async () => env.close());

const ROUTES: readonly Route[] = [
  { name: 'list identities', scopes: ['data:read'], method: 'GET', path: () => '/api/identities', ok: 200 },
  {
    name: 'never-reviewed identities',
    scopes: ['data:read'],
    method: 'GET',
    path: () => '/api/identities?kyc_status=never_reviewed',
    ok: 200,
  },
  { name: 'identity', scopes: ['data:read'], method: 'GET', path: () => `/api/identities/${identityId}`, ok: 200 },
  {
    name: 'balances',
    scopes: ['data:read'],
    method: 'GET',
    path: () => `/api/identities/${identityId}/balances`,
    ok: 200,
  },
  {
    name: 'transactions',
    scopes: ['data:read'],
    method: 'GET',
    path: () => `/api/identities/${identityId}/transactions`,
    ok: 200,
  },
  { name: 'alerts', scopes: ['alerts:read'], method: 'GET', path: () => '/api/alerts', ok: 200 },
  {
    name: 'alerts of an identity',
    scopes: ['alerts:read', 'data:read'],
    method: 'GET',
    path: () => `/api/alerts?identity_id=${identityId}`,
    ok: 200,
  },
  { name: 'alert statuses', scopes: ['alerts:read'], method: 'GET', path: () => '/api/alerts/statuses', ok: 200 },
  { name: 'alert', scopes: ['alerts:read'], method: 'GET', path: () => `/api/alerts/${alertId}`, ok: 200 },
  {
    name: 'raise alert',
    scopes: ['alerts:write'],
    method: 'POST',
    path: () => `/api/identities/${identityId}/alerts`,
    body: { description: 'Raised in a scope test' },
    ok: 201,
  },
  {
    name: 'update alert',
    scopes: ['alerts:write'],
    method: 'PATCH',
    path: () => `/api/alerts/${alertId}`,
    body: { status: 'INVESTIGATING' },
    ok: 200,
  },
];

describe.each(ROUTES)('$method $name', (route) => {
  it.each(route.scopes)('without %s: 403 missing_permission and no call to Cloud', async (scope) => {
    const installed = await reinstall(Permission.options.filter((p) => p !== scope));
    await clearCalls(env);
    const res = await installed.api(route.path(), { method: route.method, body: route.body });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'missing_permission', details: { required: scope } });
    expect(await cloudCalls(env)).toEqual([]);
  });

  it(`with only ${route.scopes.join(' + ')}: answers ${String(route.ok)}`, async () => {
    const installed = await reinstall(route.scopes);
    const res = await installed.api(route.path(), { method: route.method, body: route.body });
    expect(res.status).toBe(route.ok);
  });
});
