import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  installApp,
  launchPortal,
  portalRequest,
  postCloud,
  uninstallApp,
  type TestApp,
} from './support';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const enter = (url: URL | string) => t.app.request(typeof url === 'string' ? url : `${url.pathname}${url.search}`);

describe('POST /cloud/portal', () => {
  it('answers a fresh one-time portal URL under PUBLIC_URL for every launch', async () => {
    await installApp(t);
    const first = await launchPortal(t);
    const second = await launchPortal(t);
    expect(first.origin).toBe('https://kyc.test');
    expect(first.pathname).toBe('/portal/enter');
    expect(first.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.searchParams.get('token')).not.toBe(first.searchParams.get('token'));
    // Stored only as a hash.
    const rows = JSON.stringify(t.db.prepare('SELECT * FROM launch_tokens').all());
    expect(rows).not.toContain(first.searchParams.get('token'));
  });

  const refusals: [string, () => Promise<void>, Record<string, string>, string][] = [
    ['a missing install', async () => {}, {}, 'install_not_active'],
    [
      'an uninstalled install',
      async () => {
        await installApp(t);
        await uninstallApp(t);
      },
      {},
      'install_not_active',
    ],
    ['another app_id', () => installApp(t).then(() => undefined), { app_id: 'app_other' }, 'install_mismatch'],
    [
      'another instance_id',
      () => installApp(t).then(() => undefined),
      { instance_id: 'inst_other' },
      'install_mismatch',
    ],
    [
      'another organization_id',
      () => installApp(t, { organization_id: 'org_test_1' }).then(() => undefined),
      { organization_id: 'org_other' },
      'install_mismatch',
    ],
  ];
  for (const [name, setup, fields, code] of refusals) {
    it(`refuses ${name} with 403 ${code} and mints no token`, async () => {
      await setup();
      const res = await postCloud(t, '/cloud/portal', { ...portalRequest(), ...fields });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code } });
      expect(await t.services.repos.launchTokens.count()).toBe(0);
    });
  }

  it('accepts any organization_id when the install record has none (docs/cloud-contract.md §3 gap)', async () => {
    await installApp(t);
    const res = await postCloud(t, '/cloud/portal', portalRequest({ organization_id: 'org_anything' }));
    expect(res.status).toBe(200);
  });

  it('accepts a request with only the three documented fields', async () => {
    await installApp(t);
    const { installed_app_id, app_id, instance_id } = portalRequest();
    const res = await postCloud(t, '/cloud/portal', { installed_app_id, app_id, instance_id });
    expect(res.status).toBe(200);
  });

  it('answers 400 naming the fields when malformed, and stores nothing', async () => {
    await installApp(t);
    const res = await postCloud(t, '/cloud/portal', { installed_app_id: 'instapp_test_1', app_id: 42 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { fields: { field: string }[] } } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.fields.map((f) => f.field).sort()).toEqual(['app_id', 'instance_id']);
    expect(await t.services.repos.launchTokens.count()).toBe(0);
  });
});

describe('GET /portal/enter', () => {
  it('burns the token, sets the session cookie with every attribute and redirects 303 to the SPA', async () => {
    await installApp(t);
    const res = await enter(await launchPortal(t));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/');
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^__Host-kyc_session=[A-Za-z0-9_-]{43};/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=None', 'Partitioned', 'Path=/'])
      expect(cookie).toContain(attribute);
    expect(cookie).not.toMatch(/Domain=/i);
    const id = /=([^;]+);/.exec(cookie)?.[1] ?? '';
    expect(JSON.stringify(t.db.prepare('SELECT * FROM sessions').all())).not.toContain(id);
    expect(await t.services.repos.launchTokens.count()).toBe(0);
  });

  it('refuses a used token with the 401 relaunch page, never a redirect', async () => {
    await installApp(t);
    const url = await launchPortal(t);
    expect((await enter(url)).status).toBe(303);
    const again = await enter(url);
    expect(again.status).toBe(401);
    expect(again.headers.get('Location')).toBeNull();
    expect(again.headers.get('Set-Cookie')).toBeNull();
    expect(again.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await again.text()).toContain('Relaunch the app from Blnk Cloud');
  });

  it('refuses an unknown or missing token with 401', async () => {
    expect((await enter(`/portal/enter?token=${'A'.repeat(43)}`)).status).toBe(401);
    expect((await enter('/portal/enter')).status).toBe(401);
    expect((await enter('/portal/enter?token=short')).status).toBe(401);
  });

  it('answers 410 with the relaunch page once the token has expired', async () => {
    await installApp(t);
    const url = await launchPortal(t);
    t.clock.advanceSeconds(t.config.portalTokenTtlSeconds);
    const res = await enter(url);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
    expect(await t.services.repos.sessions.count()).toBe(0);
  });

  it('still accepts the token one second before it expires', async () => {
    await installApp(t);
    const url = await launchPortal(t);
    t.clock.advanceSeconds(t.config.portalTokenTtlSeconds - 1);
    expect((await enter(url)).status).toBe(303);
  });

  it('refuses a token minted before the install was uninstalled', async () => {
    await installApp(t);
    const url = await launchPortal(t);
    await uninstallApp(t);
    expect((await enter(url)).status).toBe(401);
  });

  it('honours PORTAL_TOKEN_TTL_SECONDS', async () => {
    t.close();
    t = createTestApp({ env: { PORTAL_TOKEN_TTL_SECONDS: '60' } });
    await installApp(t);
    const url = await launchPortal(t);
    t.clock.advanceSeconds(61);
    expect((await enter(url)).status).toBe(410);
  });
});
