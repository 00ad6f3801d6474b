import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, enterPortal, installApp, installEvent, postCloud, type TestApp } from './support';

let staticDir: string;
let t: TestApp;
beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'kyc-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>KYC Review</title><div id="root"></div>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app-abc123.js'), 'console.log("spa")');
});
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
afterEach(() => t.close());

const setup = (env: Record<string, string> = {}) => {
  t = createTestApp({ env: { STATIC_DIR: staticDir, ...env } });
  return t;
};

describe('security headers', () => {
  it('sends the SPA policy with frame-ancestors from FRAME_ANCESTORS on HTML', async () => {
    setup({ FRAME_ANCESTORS: "'self' http://127.0.0.1:9999" });
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' http://127.0.0.1:9999");
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('defaults frame-ancestors to Blnk Cloud', async () => {
    setup();
    const csp = (await t.app.request('/')).headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://blnkfinance.com https://*.blnkfinance.com");
  });

  it('sends the policy on the /portal/enter relaunch page too', async () => {
    setup();
    const res = await t.app.request('/portal/enter?token=nope');
    expect(res.headers.get('Content-Security-Policy')).toContain('frame-ancestors');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('marks /api and /cloud answers no-store, including errors', async () => {
    setup();
    expect((await t.app.request('/api/session')).headers.get('Cache-Control')).toBe('no-store');
    expect((await postCloud(t, '/cloud/callback', installEvent())).headers.get('Cache-Control')).toBe('no-store');
    expect((await postCloud(t, '/cloud/callback', '{')).headers.get('Cache-Control')).toBe('no-store');
  });

  it('puts a request id on every response, errors included', async () => {
    setup();
    for (const path of ['/', '/healthz', '/api/session', '/nope.js']) {
      expect((await t.app.request(path)).headers.get('X-Request-Id'), path).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('serving the SPA', () => {
  it('serves files and falls back to index.html for client routes', async () => {
    setup();
    const asset = await t.app.request('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Cache-Control')).toContain('immutable');
    const route = await t.app.request('/cases/idt_123');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
  });

  it('never answers server paths or missing files with the SPA', async () => {
    setup();
    for (const path of ['/api/nope', '/cloud/nope', '/portal/nope', '/missing.js']) {
      const res = await t.app.request(path);
      // /api wants a session and /cloud its key before anything else is revealed.
      expect(res.status, path).toBe(path === '/api/nope' || path === '/cloud/nope' ? 401 : 404);
      expect(res.headers.get('Content-Type'), path).toMatch(/^application\/json/);
    }
  });

  it('answers a JSON 404 for an unknown /api route when signed in', async () => {
    setup();
    await installApp(t);
    const s = await enterPortal(t);
    const res = await t.app.request('/api/nope', { headers: { Cookie: s.cookie } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });
});

describe('errors and health', () => {
  it('turns an unexpected failure into a 500 with the request id and no internals', async () => {
    setup();
    await installApp(t);
    const s = await enterPortal(t);
    t.db.exec('DROP TABLE sessions');
    const res = await t.app.request('/api/session', { headers: { Cookie: s.cookie } });
    expect(res.status).toBe(500);
    const requestId = res.headers.get('X-Request-Id');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal_error', details: { request_id: requestId } } });
    expect(text).not.toMatch(/sessions|sqlite|SELECT|stack/i);
    const logged = t.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['msg'] === 'unhandled error');
    expect(logged).toMatchObject({ level: 'error', request_id: requestId });
  });

  it('reports /healthz and /readyz', async () => {
    setup();
    expect(await (await t.app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.request('/readyz')).status).toBe(200);
    t.db.exec('DELETE FROM schema_migrations');
    expect((await t.app.request('/readyz')).status).toBe(503);
  });
});
