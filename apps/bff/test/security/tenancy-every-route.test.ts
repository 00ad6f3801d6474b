import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlertDto,
  CaseDetailDto,
  HistoryDto,
  IdentityDto,
  SettingsDto,
  WatchlistSummaryDto,
} from '@kyc-review/contracts';
import { API_ROUTES, routeKey, servedApiRoutes, type ForeignIds } from './api-routes';
import { alertsOn, identityOfSeed, updateIdentity } from './cloud-records';
import { reviewerTargets, watchlistTargets, savedViewTarget } from './own-targets';
import { createSecurityEnv, envelopeOf, twoInstalls, type SecurityEnv, type Signed } from './security-env';

// Tenancy on EVERY /api route (docs/cloud-contract.md §8, decision 009): install A's session, given
// install B's ids (B on the other instance), gets 404 and nothing of B; routes without an
// id answer with A's data only. The route table is checked against the app's real routes.

let env: SecurityEnv;
let a: Signed;
let b: Signed;
let foreign: ForeignIds;
let bOnly: string[] = [];
let bCaseBefore: CaseDetailDto;
let bHistoryBefore: HistoryDto;

const MARKER = 'quorvex.victim@b-only.test';
const B_ALERT_TEXT = 'Belongs to install B only';

beforeAll(async () => {
  env = await createSecurityEnv();
  ({ a, b } = await twoInstalls(env));
  const victim = await identityOfSeed(env, b, 'watchlist_exact');
  await updateIdentity(env, b, victim.identity_id, { email_address: MARKER });
  const opened = await env.call(b, `/api/cases/${victim.identity_id}`);
  expect(opened.status).toBe(200);
  bCaseBefore = CaseDetailDto.parse(await opened.json());
  const hit = bCaseBefore.case.hits[0];
  if (hit === undefined) throw new Error('the watchlist_exact identity has a hit with the demo watchlist');
  const raised = await env.call(b, `/api/identities/${victim.identity_id}/alerts`, {
    method: 'POST',
    body: JSON.stringify({ description: B_ALERT_TEXT }),
  });
  expect(raised.status).toBe(201);
  const alertId = AlertDto.parse(await raised.json()).anomaly_id;
  bHistoryBefore = HistoryDto.parse(await (await env.call(b, `/api/cases/${victim.identity_id}/history`)).json());
  const tokenized = await identityOfSeed(env, b, 'tokenized');
  const bReviewers = await reviewerTargets(env, b);
  // B's versions 2 and 3 and a pending import: A has only its demo list's version 1.
  const bWatchlist = await watchlistTargets(env, b);
  const bSavedView = await savedViewTarget(env, b);
  foreign = {
    identityId: victim.identity_id,
    hitId: hit.hit_id,
    alertId,
    tokenizedId: tokenized.identity_id,
    marker: MARKER,
    ...bReviewers,
    ...bWatchlist,
    savedViewId: bSavedView,
  };
  bOnly = [
    victim.identity_id,
    tokenized.identity_id,
    hit.hit_id,
    alertId,
    MARKER,
    B_ALERT_TEXT,
    b.installedAppId,
    b.instanceId,
    bReviewers.reviewerId,
    bReviewers.invitationId,
    bReviewers.deviceId,
    bWatchlist.importId,
    bSavedView,
    'Suitetarget',
  ];
});
afterAll(async () => env.close());

function expectNothingOfB(text: string, route: string) {
  for (const value of bOnly) expect(text.includes(value), `${route} answered with B's ${value}`).toBe(false);
}

describe("install A with install B's ids", () => {
  it('the route table names every /api route the app serves', () => {
    expect(API_ROUTES.map(routeKey).sort()).toEqual(servedApiRoutes(env.t.app.routes));
  });

  it.each(API_ROUTES.filter((r) => r.tenancy === 'foreign-id').map((r) => [routeKey(r), r] as const))(
    '%s: 404 and nothing of B',
    async (_name, route) => {
      const res = await env.call(a, route.path(foreign), {
        method: route.method,
        ...(route.body === undefined
          ? {}
          : { body: route.body.text, headers: { 'Content-Type': route.body.contentType } }),
      });
      const text = await res.clone().text();
      expect(res.status, text).toBe(404);
      expect((await envelopeOf(res)).code).toBe('not_found');
      expectNothingOfB(text, routeKey(route));
    },
  );

  it.each(API_ROUTES.filter((r) => r.tenancy === 'own-scope').map((r) => [routeKey(r), r] as const))(
    "%s: A's own data only",
    async (_name, route) => {
      const res = await env.call(a, route.path(foreign), {
        method: route.method,
        ...(route.body === undefined
          ? {}
          : { body: route.body.text, headers: { 'Content-Type': route.body.contentType } }),
      });
      const text = await res.text();
      expect(res.status, text).toBeLessThan(300);
      expectNothingOfB(text, routeKey(route));
    },
  );

  it("A's own identity with B's hit id is a 404 as well", async () => {
    const own = await identityOfSeed(env, a, 'complete');
    const res = await env.call(a, `/api/cases/${own.identity_id}/hits/${foreign.hitId}`, {
      method: 'POST',
      body: JSON.stringify({
        disposition: 'confirmed',
        reason_code: 'confirmed_same_person',
        note: 'Same person: dob and nationality match.',
      }),
    });
    expect(res.status).toBe(404);
    expectNothingOfB(await res.text(), 'hit of another install');
  });

  it("nothing A sent changed B's case, history, alerts, settings or watchlist", async () => {
    const kase = CaseDetailDto.parse(await (await env.call(b, `/api/cases/${foreign.identityId}`)).json());
    expect(kase.case.status).toBe(bCaseBefore.case.status);
    expect(kase.case.hits.map((h) => h.disposition)).toEqual(bCaseBefore.case.hits.map((h) => h.disposition));
    const history = HistoryDto.parse(await (await env.call(b, `/api/cases/${foreign.identityId}/history`)).json());
    expect(history).toEqual(bHistoryBefore);
    const alerts = await alertsOn(env, foreign.identityId);
    expect(alerts.find((x) => x.anomaly_id === foreign.alertId)).toMatchObject({
      status: 'FLAGGED',
      description: B_ALERT_TEXT,
    });
    expect(alerts.some((x) => x.description.includes('A was here'))).toBe(false);
    const settings = SettingsDto.parse(await (await env.call(b, '/api/settings')).json());
    expect(settings.settings.min_age).toBe(18);
    const watchlist = WatchlistSummaryDto.parse(await (await env.call(b, '/api/watchlist')).json());
    expect(watchlist.lists.map((l) => l.list)).not.toContain('Security Suite List');
    // …while A's own changes took effect on A: the own-scope calls were real.
    expect(SettingsDto.parse(await (await env.call(a, '/api/settings')).json()).settings.min_age).toBe(21);
  });

  it('identity fields holding HTML and script come back verbatim, as JSON, never as markup', async () => {
    const own = await identityOfSeed(env, a, 'complete');
    const payload = '<img src=x onerror=alert(1)><script>alert("xss")</script>';
    await updateIdentity(env, a, own.identity_id, { first_name: payload, last_name: '"></div><svg onload=alert(2)>' });
    for (const path of [`/api/identities/${own.identity_id}`, `/api/cases/${own.identity_id}`]) {
      const res = await env.call(a, path);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      const body: unknown = await res.json();
      const identity = IdentityDto.parse(path.startsWith('/api/cases') ? CaseDetailDto.parse(body).identity : body);
      expect(identity.first_name).toBe(payload);
      expect(identity.last_name).toBe('"></div><svg onload=alert(2)>');
    }
  });

  it('no key, launch token, session id or callback key in any response body or log line', () => {
    env.expectNoSecretsLeaked();
  });
});
