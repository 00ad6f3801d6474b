import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, enterPortal, postCloud, type TestApp } from './support';

// What real Cloud sends today (docs/cloud-contract.md §3), with ids in the shapes Blnk's SDK, a real
// deployment and the docs' own examples show. Each of these was refused before.

const IDS = {
  installed_app_id: 'instapp_01K4EX3J5Q0Z8N6W2R7T9YV1BC',
  app_id: 'app_01K4EWZ8QJ7M3D2N5P6R8S9T0V',
  instance_id: 'instance_01K4EX0BRXHNNGCRVT2TPNK07W',
} as const;
const USER_ID = 'user_01K4EX0BRXHNNGCRVT2TPNK07W';
const ORG_ID = 'org_01ABC123';

const install = (over: Record<string, unknown> = {}) => ({
  ...IDS,
  api_key: 'blnk_5f1c0c7e2b9a4d6e8f0a1b2c3d4e5f60',
  api_key_prefix: 'blnk_5f1',
  granted_permissions: ['data:read', 'data:write', 'alerts:read', 'alerts:write'],
  idempotency_key: `install:${IDS.installed_app_id}`,
  ...over,
});
const uninstall = (over: Record<string, unknown> = {}) => ({
  ...IDS,
  idempotency_key: `uninstall:${IDS.installed_app_id}`,
  ...over,
});

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const stored = () => t.services.repos.installs.find(IDS.installed_app_id);
const callbackRows = () => t.db.prepare('SELECT COUNT(*) AS n FROM callback_events').get();

describe('ids in the shapes real Cloud uses', () => {
  it('installs an instance_… id, launches with a ULID user and an org_01… organization', async () => {
    const res = await postCloud(t, '/cloud/callback', install());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'installed' });
    expect(await stored()).toMatchObject({ status: 'active', instanceId: IDS.instance_id });

    // The older five-field portal request, with ids as the docs print them.
    const session = await enterPortal(t, { ...IDS, user_id: USER_ID, organization_id: ORG_ID });
    const me = await t.app.request('/api/session', { headers: { Cookie: session.cookie } });
    expect(await me.json()).toMatchObject({ instance_id: IDS.instance_id, user_id: USER_ID });
  });

  it('accepts every id of the safe alphabet without looking at its prefix', async () => {
    const odd = { installed_app_id: 'a.b:c-d_E9', app_id: 'X', instance_id: 'inst-2024.eu-west:1' };
    const res = await postCloud(
      t,
      '/cloud/callback',
      install({ ...odd, idempotency_key: `install:${odd.installed_app_id}` }),
    );
    expect(res.status).toBe(200);
    expect((await t.services.repos.installs.find(odd.installed_app_id))?.instanceId).toBe(odd.instance_id);
  });

  const unsafe: [string, Record<string, string>][] = [
    ['a space', { instance_id: 'instance 01' }],
    ['a slash', { installed_app_id: 'instapp/../x' }],
    ['129 characters', { app_id: `app_${'x'.repeat(125)}` }],
    ['an empty id', { instance_id: '' }],
    ['non-ASCII', { instance_id: 'instance_é' }],
  ];
  for (const [name, ids] of unsafe) {
    it(`refuses an id with ${name} (400, nothing stored)`, async () => {
      const res = await postCloud(t, '/cloud/callback', install(ids));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
      expect(await t.services.repos.installs.count()).toBe(0);
      expect(callbackRows()).toEqual({ n: 0 });
    });
  }
});

describe('granted_permissions beyond the four this app uses', () => {
  it('installs, stores every scope as granted and uses only the four it knows', async () => {
    const scopes = ['data:read', 'proxy:read', 'proxy:write', 'ledgers:read', 'alerts:read', 'identities:tokenize'];
    const res = await postCloud(t, '/cloud/callback', install({ granted_permissions: scopes }));
    expect(res.status).toBe(200);
    expect(await stored()).toMatchObject({
      grantedPermissions: ['alerts:read', 'data:read'],
      grantedScopes: [...scopes].sort(),
    });
    const session = await enterPortal(t, IDS);
    const me = await t.app.request('/api/session', { headers: { Cookie: session.cookie } });
    expect(await me.json()).toMatchObject({ granted_permissions: ['alerts:read', 'data:read'] });
  });

  it('treats a repeat with the same unknown scopes as a duplicate, and a changed one as a replacement', async () => {
    const first = install({ granted_permissions: ['data:read', 'proxy:read'] });
    await postCloud(t, '/cloud/callback', first);
    expect(await (await postCloud(t, '/cloud/callback', first)).json()).toMatchObject({ outcome: 'duplicate' });
    const changed = install({ granted_permissions: ['data:read', 'proxy:write'] });
    expect(await (await postCloud(t, '/cloud/callback', changed)).json()).toMatchObject({ outcome: 'replaced' });
    expect((await stored())?.grantedScopes).toEqual(['data:read', 'proxy:write']);
  });

  it('installs with only unknown scopes: the app then explains that it needs data:read', async () => {
    const res = await postCloud(t, '/cloud/callback', install({ granted_permissions: ['proxy:read'] }));
    expect(res.status).toBe(200);
    expect((await stored())?.grantedPermissions).toEqual([]);
  });
});

describe('an uninstall without uninstalled_at', () => {
  it('uninstalls at the time of receipt and destroys the key', async () => {
    await postCloud(t, '/cloud/callback', install());
    t.clock.set('2026-11-23T08:30:00.000Z');
    const res = await postCloud(t, '/cloud/callback', uninstall());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'uninstalled' });
    expect(await stored()).toMatchObject({
      status: 'uninstalled',
      apiKeyCiphertext: null,
      uninstalledAt: '2026-11-23T08:30:00.000Z',
    });
    expect(await (await postCloud(t, '/cloud/callback', uninstall())).json()).toMatchObject({ outcome: 'duplicate' });
  });

  it('reads uninstalled_at with nanoseconds and an offset, and null as absent', async () => {
    await postCloud(t, '/cloud/callback', install());
    const res = await postCloud(
      t,
      '/cloud/callback',
      uninstall({ uninstalled_at: '2026-11-23T09:30:00.123456789+01:00' }),
    );
    expect(res.status).toBe(200);
    expect((await stored())?.status).toBe('uninstalled');
    await postCloud(t, '/cloud/callback', install({ api_key: 'blnk_second_key_0123456789abcdef' }));
    const nulled = await postCloud(t, '/cloud/callback', uninstall({ uninstalled_at: null }));
    expect(await nulled.json()).toMatchObject({ outcome: 'uninstalled' });
  });

  it('still refuses an uninstalled_at that is not a time (400, nothing stored)', async () => {
    await postCloud(t, '/cloud/callback', install());
    const res = await postCloud(t, '/cloud/callback', uninstall({ uninstalled_at: 'yesterday' }));
    expect(res.status).toBe(400);
    expect((await stored())?.status).toBe('active');
  });
});
