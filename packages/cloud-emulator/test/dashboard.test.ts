import { describe, expect, it } from 'vitest';
import { createCloudEmulator } from '../src/index';

describe('dashboard page', () => {
  it('renders the app, scopes and instances with a strict CSP and masked URLs', async () => {
    const emulator = createCloudEmulator({ seed: 2 });
    await emulator.app.request('/_emulator/manifest', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        callback_url: 'http://localhost:8787/cloud/callback?key=topsecret',
        portal_generator_url: 'http://localhost:8787/cloud/portal?key=topsecret',
        permissions: ['data:read', 'alerts:read'],
      }),
    });
    const sandbox = emulator.store.instances[1]!.info;
    const res = await emulator.app.request(`/?instance=${sandbox.instance_id}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toContain('topsecret');
    expect(html).toContain('key=***');
    expect(html).toContain('data-testid="scope-data-read"');
    expect(html).toContain('data-testid="scope-alerts-read"');
    expect(html).not.toContain('scope-data-write');
    expect(html).toContain(`<option value="${sandbox.instance_id}" selected>Sandbox</option>`);
    expect(html).not.toMatch(/<script>|style="|onclick=/);
    for (const asset of ['/_dashboard/dashboard.js', '/_dashboard/dashboard.css'])
      expect((await emulator.app.request(asset)).status).toBe(200);
  });
});
