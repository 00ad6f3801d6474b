import { hc } from 'hono/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AppType } from '../src/app';
import { createTestApp, enterPortal, installApp, type TestApp } from './support';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

// The SPA's client is hc<AppType>: this checks the route tree keeps its types end to end.
it('serves /api/session to the typed hc<AppType> client', async () => {
  await installApp(t, { permissions: ['data:read'] });
  const session = await enterPortal(t);
  const client = hc<AppType>('https://kyc.test', {
    fetch: (input: string | URL | Request, init?: RequestInit) =>
      t.app.request(input instanceof Request ? input : input.toString(), init),
    headers: { Cookie: session.cookie },
  });
  const res = await client.api.session.$get();
  expect(res.status).toBe(200);
  const dto = await res.json();
  expect(dto.granted_permissions).toEqual(['data:read']);
  expect(dto.csrf_token).toBe(session.csrfToken);
});
