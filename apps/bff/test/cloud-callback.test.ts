import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  installApp,
  installEvent,
  postCloud,
  uninstallApp,
  uninstallEvent,
  type TestApp,
} from './support';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const stored = () => t.services.repos.installs.find('instapp_test_1');

describe('POST /cloud/callback: install', () => {
  it('stores the install active, with the key encrypted and only its prefix in clear', async () => {
    const event = installEvent({ permissions: ['data:read', 'alerts:read'] });
    const res = await postCloud(t, '/cloud/callback', event);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'installed' });
    const install = await stored();
    expect(install).toMatchObject({
      status: 'active',
      apiKeyPrefix: event.api_key_prefix,
      grantedPermissions: ['alerts:read', 'data:read'],
    });
    expect(install?.apiKeyCiphertext).not.toContain(event.api_key);
    const row = JSON.stringify(t.db.prepare('SELECT * FROM installs').all());
    expect(row).not.toContain(event.api_key);
    expect(t.services.installs.keyHandle('instapp_test_1').apiKey()).toBe(event.api_key);
  });

  it('answers 200 to 20 identical concurrent events and keeps one record', async () => {
    const event = installEvent();
    const responses = await Promise.all(Array.from({ length: 20 }, async () => postCloud(t, '/cloud/callback', event)));
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
    const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((o) => o === 'installed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(19);
    expect(await t.services.repos.installs.count()).toBe(1);
  });

  it('treats a repeated event as a no-op that changes nothing', async () => {
    const event = await installApp(t);
    const before = await stored();
    t.clock.advanceSeconds(60);
    const res = await postCloud(t, '/cloud/callback', event);
    expect(await res.json()).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await stored()).toEqual(before);
  });

  it('replaces key and grants when an active install receives a different key', async () => {
    await installApp(t, { permissions: ['data:read'] });
    const second = installEvent({ permissions: ['data:read', 'data:write'] });
    const res = await postCloud(t, '/cloud/callback', second);
    expect(await res.json()).toEqual({ ok: true, outcome: 'replaced' });
    expect((await stored())?.grantedPermissions).toEqual(['data:read', 'data:write']);
    expect(t.services.installs.keyHandle('instapp_test_1').apiKey()).toBe(second.api_key);
  });

  it('refuses an installed_app_id that moves to another instance (409, nothing changed)', async () => {
    const first = await installApp(t);
    const res = await postCloud(t, '/cloud/callback', installEvent({ instance_id: 'inst_other' }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: 'install_mismatch', details: { fields: ['instance_id'] } },
    });
    expect(t.services.installs.keyHandle('instapp_test_1').apiKey()).toBe(first.api_key);
  });
});

describe('POST /cloud/callback: uninstall and reinstall', () => {
  it('marks uninstalled, destroys the ciphertext and stops the key provider', async () => {
    await installApp(t);
    const provider = t.services.installs.keyHandle('instapp_test_1').apiKey;
    const res = await postCloud(t, '/cloud/callback', uninstallEvent());
    expect(await res.json()).toEqual({ ok: true, outcome: 'uninstalled' });
    expect(await stored()).toMatchObject({
      status: 'uninstalled',
      apiKeyCiphertext: null,
      apiKeyFingerprint: null,
      uninstalledAt: '2026-11-22T10:00:00Z',
    });
    expect(() => provider()).toThrow(/no longer active/);
  });

  it('answers a repeated uninstall with 200 and changes nothing', async () => {
    await installApp(t);
    await uninstallApp(t);
    const before = await stored();
    const res = await postCloud(t, '/cloud/callback', uninstallEvent());
    expect(await res.json()).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await stored()).toEqual(before);
  });

  it('answers 200 to an uninstall for an install it never stored, and logs it', async () => {
    const res = await postCloud(t, '/cloud/callback', uninstallEvent({ installed_app_id: 'instapp_never' }));
    expect(await res.json()).toEqual({ ok: true, outcome: 'unknown_install' });
    expect(await t.services.repos.installs.count()).toBe(0);
    expect(t.logs.some((l) => l.includes('never stored') && l.includes('instapp_never'))).toBe(true);
  });

  it('re-activates an uninstalled record with the new key, even under the same idempotency key', async () => {
    const first = await installApp(t, { permissions: ['data:read'] });
    await uninstallApp(t);
    const again = installEvent({ permissions: ['data:read', 'alerts:read'] });
    expect(again.idempotency_key).toBe(first.idempotency_key);
    const res = await postCloud(t, '/cloud/callback', again);
    expect(await res.json()).toEqual({ ok: true, outcome: 'reactivated' });
    expect(await stored()).toMatchObject({
      status: 'active',
      uninstalledAt: null,
      grantedPermissions: ['alerts:read', 'data:read'],
    });
    expect(t.services.installs.keyHandle('instapp_test_1').apiKey()).toBe(again.api_key);
  });

  it('ignores late replays of the first install and the first uninstall after a reinstall', async () => {
    const first = await installApp(t);
    const firstUninstall = await uninstallApp(t);
    const second = await installApp(t);
    expect(await (await postCloud(t, '/cloud/callback', first)).json()).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await (await postCloud(t, '/cloud/callback', firstUninstall)).json()).toEqual({
      ok: true,
      outcome: 'duplicate',
    });
    expect((await stored())?.status).toBe('active');
    expect(t.services.installs.keyHandle('instapp_test_1').apiKey()).toBe(second.api_key);
    // A genuinely new uninstall (a later time) still applies.
    await uninstallApp(t, { uninstalled_at: '2026-11-22T11:00:00Z' });
    expect((await stored())?.status).toBe('uninstalled');
  });

  it('keeps a trace of every event received', async () => {
    const event = await installApp(t);
    await postCloud(t, '/cloud/callback', event);
    await uninstallApp(t);
    expect(await t.services.repos.callbackEvents.outcomesFor('instapp_test_1')).toEqual([
      'installed',
      'duplicate',
      'uninstalled',
    ]);
  });
});
