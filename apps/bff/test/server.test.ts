import { afterEach, expect, it } from 'vitest';
import { createTestApp, installEvent, startServer, TEST_CALLBACK_SECRET, type TestApp } from './support';

let t: TestApp;
afterEach(() => t.close());

// What an outside caller (the emulator) sees: real HTTP on loopback, real headers.
it('serves the app on 127.0.0.1 and a random port', async () => {
  t = createTestApp();
  const server = await startServer(t.app);
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/cloud/callback?key=${TEST_CALLBACK_SECRET}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(installEvent()),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
    const big = await fetch(`${server.url}/cloud/callback?key=${TEST_CALLBACK_SECRET}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...installEvent({ installed_app_id: 'instapp_big' }), pad: 'x'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expect(await t.services.repos.installs.find('instapp_big')).toBeNull();
  } finally {
    await server.close();
  }
});
