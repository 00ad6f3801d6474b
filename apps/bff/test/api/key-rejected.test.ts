import { afterEach, describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../support/rpc';
import { Permission, SessionDto } from '@kyc-review/contracts';
import { createEmulatorBackedApp, type EmulatorBackedApp } from '../support';
import { errorOf } from './api-helpers';

// Cloud revokes the install's key while the BFF still holds the install as active (the
// uninstall event never reached us). Cloud's 401 becomes 409 cloud_unauthorized, the
// install is marked as needing a reinstall, and /api/session says so (decision 009).

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function manifest(e: EmulatorBackedApp, withCallbacks: boolean) {
  await e.control('PUT', '/manifest', {
    permissions: Permission.options,
    ...(withCallbacks
      ? {
          callback_url: `${e.bffUrl}/cloud/callback${e.t.cloudQuery}`,
          portal_generator_url: `${e.bffUrl}/cloud/portal${e.t.cloudQuery}`,
        }
      : {}),
  });
}

/** Uninstalls in Cloud without telling the BFF: Cloud revokes the key, the BFF keeps the install. */
async function revokeBehindOurBack(e: EmulatorBackedApp, installedAppId: string) {
  await manifest(e, false);
  await e.control('POST', `/installs/${installedAppId}/uninstall`);
}

const session = async (res: Promise<ApiAnswer>) => SessionDto.parse(await (await res).json());

describe('a key Cloud no longer accepts', () => {
  it('answers 409 cloud_unauthorized, marks the install, and a reinstall clears it', async () => {
    const e = (env = await createEmulatorBackedApp({ identitiesPerInstance: 10 }));
    const installed = await e.install();
    expect((await session(installed.rpc.api.session.$get())).install_needs_reinstall).toBe(false);

    await revokeBehindOurBack(e, installed.installedAppId);
    const res = await installed.rpc.api.identities.$get({ query: {} });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('cloud_unauthorized');
    expect(error.message).toMatch(/reinstall/i);
    expect(error.message).not.toMatch(/invalid or revoked API key/);

    // The session still works (409, not 401) and tells the SPA what happened.
    expect((await session(installed.rpc.api.session.$get())).install_needs_reinstall).toBe(true);
    expect(await e.t.services.repos.installs.find(installed.installedAppId)).toMatchObject({
      status: 'active',
      keyRejectedAt: expect.any(String),
    });
    const write = await installed.api('/api/alerts/ano_00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      body: { status: 'RESOLVED' },
    });
    expect(write.status).toBe(409);
    const logs = e.t.logs.join('\n');
    expect(logs).toContain('needs a reinstall');
    expect(logs).not.toContain(installed.apiKey);

    // A workspace admin reinstalls: the install event carries a new key and clears the mark.
    await manifest(e, true);
    const again = await e.install();
    expect(again.installedAppId).toBe(installed.installedAppId);
    expect((await session(installed.rpc.api.session.$get())).install_needs_reinstall).toBe(false);
    expect((await again.rpc.api.identities.$get({ query: {} })).status).toBe(200);
  });

  it('never marks a key that replaced the refused one meanwhile', async () => {
    const e = (env = await createEmulatorBackedApp({ identitiesPerInstance: 10 }));
    const installed = await e.install();
    const handle = e.t.services.installs.keyHandle(installed.installedAppId);
    handle.apiKey(); // the key a call was sent with…
    await e.control('POST', `/installs/${installed.installedAppId}/uninstall`);
    await e.install(); // …is replaced by a reinstall before Cloud's 401 arrives.
    await handle.keyRejected();
    expect((await e.t.services.repos.installs.find(installed.installedAppId))?.keyRejectedAt).toBeNull();
  });

  it('a later call Cloud accepts clears a stale mark', async () => {
    const e = (env = await createEmulatorBackedApp({ identitiesPerInstance: 10 }));
    const installed = await e.install();
    const handle = e.t.services.installs.keyHandle(installed.installedAppId);
    handle.apiKey();
    await handle.keyRejected();
    expect((await session(installed.rpc.api.session.$get())).install_needs_reinstall).toBe(true);
    expect((await installed.rpc.api.identities.$get({ query: {} })).status).toBe(200);
    expect((await session(installed.rpc.api.session.$get())).install_needs_reinstall).toBe(false);
  });
});
