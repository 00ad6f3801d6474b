import { hc } from 'hono/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppType } from '../../src/app';
import { createEmulatorBackedApp, type EmulatorBackedApp, type InstalledSession } from '../support';

// The SPA reaches these routes through hc<AppType>: inputs are typed from the validators
// and bodies from the DTOs (errors go through onError, so only the success status is
// typed). A renamed field here is a compile error there.

let env: EmulatorBackedApp;
let installed: InstalledSession;
beforeAll(async () => {
  env = await createEmulatorBackedApp({ identitiesPerInstance: 10 });
  installed = await env.install();
});
afterAll(async () => env.close());

const client = () =>
  hc<AppType>('https://kyc.test', {
    fetch: (input: string | URL | Request, init?: RequestInit) =>
      env.t.app.request(input instanceof Request ? input : input.toString(), init),
    headers: {
      Cookie: installed.session.cookie,
      'X-CSRF-Token': installed.session.csrfToken,
      Origin: installed.session.origin,
    },
  });

it('reads identities, balances and transactions, and raises and updates an alert, all typed', async () => {
  const api = client().api;
  const page = await api.identities.$get({ query: { pageSize: '5', kyc_status: 'never_reviewed' } });
  expect(page.status).toBe(200);
  const list = await page.json();
  const id = list.items[0]?.identity_id ?? '';
  expect(list.pageSize).toBe(5);

  const one = await api.identities[':identityId'].$get({ param: { identityId: id } });
  expect(one.status).toBe(200);
  expect((await one.json()).tokenized_fields).toEqual(expect.any(Array));
  const balances = await api.identities[':identityId'].balances.$get({ param: { identityId: id } });
  expect(balances.status).toBe(200);
  const txns = await api.identities[':identityId'].transactions.$get({
    param: { identityId: id },
    query: { page: '1' },
  });
  expect(txns.status).toBe(200);

  const raised = await api.identities[':identityId'].alerts.$post({
    param: { identityId: id },
    json: { description: 'Typed client alert' },
  });
  expect(raised.status).toBe(201);
  const alert = await raised.json();
  const patched = await api.alerts[':alertId'].$patch({
    param: { alertId: alert.anomaly_id },
    json: { status: 'RESOLVED' },
  });
  expect(patched.status).toBe(200);
  expect((await patched.json()).status).toBe('RESOLVED');
  const statuses = await api.alerts.statuses.$get();
  expect(statuses.status).toBe(200);
  expect((await statuses.json()).data.map((s) => s.key)).toContain('RESOLVED');
  const alerts = await api.alerts.$get({ query: { identity_id: id } });
  expect(alerts.status).toBe(200);
  expect((await alerts.json()).items.map((a) => a.anomaly_id)).toContain(alert.anomaly_id);
});
