import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WATCHLIST_IMPORT_MAX_BYTES } from '@kyc-review/contracts';
import { installEvent, portalRequest } from '../support/lifecycle';
import { routeKey, stateChanging, WATCHLIST_CSV, type ForeignIds } from './api-routes';
import { alertsOn } from './cloud-records';
import { ownTargets } from './own-targets';
import { rowCounts } from './row-counts';
import { createSecurityEnv, envelopeOf, twoInstalls, type SecurityEnv, type Signed } from './security-env';

// Bad bodies on every route that takes one (the /api table plus Cloud's two URLs):
// malformed JSON, oversize bodies (64 KiB JSON, 5 MiB CSV), the wrong media type and
// wrong types field by field. Each is a 4xx with the error envelope, and nothing is
// stored: no row in any table moves and no alert reaches Cloud.

let env: SecurityEnv;
let a: Signed;
let own: ForeignIds;

beforeAll(async () => {
  env = await createSecurityEnv();
  ({ a } = await twoInstalls(env));
  own = await ownTargets(env, a);
});
afterAll(async () => env.close());

/** The same value with the wrong JSON type. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not a number';
  if (typeof value === 'boolean') return 'yes';
  return 'not an object';
}

/** Non-object bodies, then each field of a valid body made the wrong type, then all of them. */
function wrongTypeBodies(valid: Record<string, unknown>): string[] {
  const fields = Object.keys(valid).map((key) => ({ ...valid, [key]: wrongType(valid[key]) }));
  const all = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, wrongType(v)]));
  return ['[]', '"text"', '42', 'null', 'true', '{}', ...[...fields, all].map((b) => JSON.stringify(b))];
}

const oversizeJson = (valid: Record<string, unknown>) => JSON.stringify({ ...valid, padding: 'x'.repeat(70 * 1024) });

type Sender = (body: string, contentType: string) => Promise<Response>;

async function expectRefusedAndNothingStored(send: Sender, attempts: [string, string, string, number[]][]) {
  const before = rowCounts(env.t.db);
  const alertsBefore = await alertsOn(env, own.identityId);
  for (const [name, body, contentType, statuses] of attempts) {
    const res = await send(body, contentType);
    expect(statuses, `${name}: ${String(res.status)}`).toContain(res.status);
    const error = await envelopeOf(res);
    expect(error.message.length, name).toBeGreaterThan(0);
  }
  expect(rowCounts(env.t.db)).toEqual(before);
  expect(await alertsOn(env, own.identityId)).toEqual(alertsBefore);
}

function jsonAttempts(valid: Record<string, unknown>): [string, string, string, number[]][] {
  return [
    ['malformed JSON', '{"action": "escalate", ', 'application/json', [400]],
    ['not JSON at all', 'action=escalate&note=x', 'application/json', [400]],
    ['an empty body', '', 'application/json', [400]],
    ['more than 64 KiB', oversizeJson(valid), 'application/json', [413]],
    ['JSON sent as a form', JSON.stringify(valid), 'application/x-www-form-urlencoded', [400, 415]],
    ...wrongTypeBodies(valid).map((body): [string, string, string, number[]] => [
      `wrong types ${body.slice(0, 60)}`,
      body,
      'application/json',
      [400],
    ]),
  ];
}

describe('bad bodies on /api', () => {
  it.each(
    stateChanging.filter((r) => r.body?.contentType === 'application/json').map((r) => [routeKey(r), r] as const),
  )('%s: 4xx with the envelope, nothing stored', async (_name, route) => {
    const valid: unknown = JSON.parse(route.body?.text ?? '{}');
    if (typeof valid !== 'object' || valid === null || Array.isArray(valid))
      throw new Error('the table holds object bodies');
    const send: Sender = (body, contentType) =>
      env.call(a, route.path(own), { method: route.method, body, headers: { 'Content-Type': contentType } });
    await expectRefusedAndNothingStored(send, jsonAttempts({ ...valid }));
  });

  it('POST /api/watchlist/import: over the upload limit is 413, another media type 415, nothing stored', async () => {
    const send: Sender = (body, contentType) =>
      env.call(a, '/api/watchlist/import?mode=append', {
        method: 'POST',
        body,
        headers: { 'Content-Type': contentType },
      });
    const claimsTooMuch: Sender = (body, contentType) =>
      env.call(a, '/api/watchlist/import?mode=append', {
        method: 'POST',
        body,
        headers: { 'Content-Type': contentType, 'Content-Length': String(WATCHLIST_IMPORT_MAX_BYTES + 1) },
      });
    await expectRefusedAndNothingStored(claimsTooMuch, [['over the limit', WATCHLIST_CSV, 'text/csv', [413]]]);
    await expectRefusedAndNothingStored(send, [
      ['CSV declared as a form', WATCHLIST_CSV, 'application/x-www-form-urlencoded', [415]],
      ['CSV declared as an image', WATCHLIST_CSV, 'image/png', [415]],
      ['a ZIP archive', 'PK\u0003\u0004\u0014\u0000', 'application/octet-stream', [415]],
    ]);
  });

  it('POST /api/watchlist/import: a file without one valid row stores nothing and says why, line by line', async () => {
    const before = rowCounts(env.t.db);
    const res = await env.call(a, '/api/watchlist/import?mode=append', {
      method: 'POST',
      body: 'not,a,watchlist\n\u0000\u0001\u0002,,\n',
      headers: { 'Content-Type': 'text/csv' },
    });
    const text = await res.text();
    expect(res.status, text).toBeLessThan(500);
    expect(text).toMatch(/"imported":0|"error"/);
    expect(rowCounts(env.t.db)).toEqual(before);
  });
});

describe("bad bodies on Cloud's URLs", () => {
  const cloudSender =
    (route: '/cloud/callback' | '/cloud/portal'): Sender =>
    async (body, contentType) => {
      const res = await env.t.app.request(`${route}${env.t.cloudQuery}`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': contentType },
      });
      env.bodies.push(await res.clone().text());
      return res;
    };

  it('POST /cloud/callback: 4xx with the envelope, nothing stored', async () => {
    const valid = installEvent({
      installed_app_id: 'instapp_bad_bodies',
      api_key: 'blnk_never_issued_by_cloud_0123456789',
    });
    await expectRefusedAndNothingStored(cloudSender('/cloud/callback'), jsonAttempts(valid));
  });

  it('POST /cloud/portal: 4xx with the envelope, no launch token minted', async () => {
    await expectRefusedAndNothingStored(
      cloudSender('/cloud/portal'),
      jsonAttempts(portalRequest({ installed_app_id: a.installedAppId, instance_id: a.instanceId })),
    );
  });

  it('no key, launch token, session id or callback key in any response body or log line', () => {
    env.expectNoSecretsLeaked();
  });
});
