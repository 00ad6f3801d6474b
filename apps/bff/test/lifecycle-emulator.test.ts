import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionDto } from '@kyc-review/contracts';
import { createEmulatorBackedApp, type EmulatorBackedApp } from './support';

// The whole lifecycle over real HTTP between the local Cloud emulator and the BFF:
// the emulator's control API installs with chosen scopes, launches and uninstalls,
// exactly as a developer does from the dashboard.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('install → launch → session → uninstall through the emulator', () => {
  it('grants exactly the chosen scopes, and uninstall ends the session and revokes the key', async () => {
    env = await createEmulatorBackedApp();
    const installed = await env.install(['data:read', 'alerts:read']);

    const session = SessionDto.parse(await (await installed.rpc.api.session.$get()).json());
    expect([...session.granted_permissions].sort()).toEqual(['alerts:read', 'data:read']);
    expect(session.installed_app_id).toBe(installed.installedAppId);
    expect(session.instance_id).toBe(installed.instanceId);
    // Today's three-field portal request names no person (docs/cloud-contract.md §3): the reviewer signed in inside the app.
    expect(session.user_id).toBeNull();
    expect(session.sign_in).toBe('signed_in');
    expect(session.reviewer?.display_name).toBe('user_reviewer_1');

    // The key works against Cloud before the uninstall...
    const before = await fetch(`${env.emulatorUrl}/data/identities?instance_id=${installed.instanceId}`, {
      headers: { Authorization: `Bearer ${installed.apiKey}` },
    });
    expect(before.status).toBe(200);

    const answer = z
      .object({ callback: z.object({ status: z.number() }) })
      .parse(await env.control('POST', `/installs/${installed.installedAppId}/uninstall`));
    expect(answer.callback.status).toBe(200);

    const after = await installed.rpc.api.session.$get();
    expect(after.status).toBe(401);
    // ...and Cloud has revoked it after the BFF acknowledged the uninstall.
    const revoked = await fetch(`${env.emulatorUrl}/data/identities?instance_id=${installed.instanceId}`, {
      headers: { Authorization: `Bearer ${installed.apiKey}` },
    });
    expect(revoked.status).toBe(401);
  });

  it('every launch gets a fresh portal URL and a fresh session', async () => {
    env = await createEmulatorBackedApp();
    const installed = await env.install();
    const second = await env.launch(installed.installedAppId, 'user_reviewer_2', { portalFields: 'legacy' });
    expect(second.cookie).not.toBe(installed.session.cookie);
    const dto = SessionDto.parse(
      await (await env.t.app.request('/api/session', { headers: { Cookie: second.cookie } })).json(),
    );
    // The older five-field request names the Cloud user: recorded on the session, beside the reviewer.
    expect(dto.user_id).toBe('user_reviewer_2');
    expect(dto.reviewer?.reviewer_id).toBe(second.reviewer?.reviewerId);
  });
});
