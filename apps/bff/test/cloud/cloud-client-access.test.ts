import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityId } from '@kyc-review/contracts';
import type { InstallCloudClient } from '../../src/cloud/cloud-client';
import { CloudUnauthorizedError } from '../../src/cloud/cloud-errors';
import { MissingPermissionError } from '../../src/errors';
import { ALL, clientFor, startEmulator, type TestEmulator, type TestInstall } from './emulator-harness';
import { exposed, failure } from './fixtures';

// Scopes are checked before Cloud is contacted (issue 4, "Scope checks"), and a revoked
// key is reported so the install can be marked as needing a reinstall.

let emulator: TestEmulator;
let readOnly: TestInstall;
let full: TestInstall;
let identityId: IdentityId;

beforeAll(async () => {
  emulator = await startEmulator();
  const [first, second] = await emulator.instances();
  full = await emulator.install(ALL, first);
  readOnly = await emulator.install(['data:read'], second);
  const [identity] = (await clientFor(emulator).client.forInstall(readOnly).listIdentities({ pageSize: 1 })).data;
  identityId = identity!.identity_id;
});
afterAll(() => emulator.close());

describe('a call without its scope', () => {
  const denied: [string, string, (cloud: InstallCloudClient) => Promise<unknown>][] = [
    [
      'data:write',
      'updateIdentityMetadata',
      (cloud) => cloud.updateIdentityMetadata(identityId, { kyc_status: 'approved' }),
    ],
    ['data:write', 'detokenizeField', (cloud) => cloud.detokenizeField(identityId, 'FirstName')],
    ['alerts:read', 'listAlerts', (cloud) => cloud.listAlerts()],
    ['alerts:read', 'alertStatuses', (cloud) => cloud.alertStatuses()],
    ['alerts:write', 'flagAlert', (cloud) => cloud.flagAlert(identityId, { description: 'x' })],
  ];

  it.each(denied)('needs %s for %s and never reaches Cloud nor reads the key', async (scope, _name, call) => {
    const cloud = clientFor(emulator).client.forInstall(readOnly);
    const callsBefore = (await emulator.calls()).length;
    const keyReadsBefore = readOnly.keyReads();
    const error = await failure(call(cloud));
    expect(error).toBeInstanceOf(MissingPermissionError);
    expect(error).toMatchObject({ code: 'missing_permission', status: 403, details: { required: scope } });
    expect((await emulator.calls()).length).toBe(callsBefore);
    expect(readOnly.keyReads()).toBe(keyReadsBefore);
  });

  it('still lets the granted scope through', async () => {
    const cloud = clientFor(emulator).client.forInstall(readOnly);
    expect((await cloud.getIdentity(identityId)).identity_id).toBe(identityId);
    expect(await cloud.getTokenizedFields(identityId)).toBeInstanceOf(Array);
  });

  it('maps a refusal by Cloud itself (scope the app believed it had) to cloud_forbidden', async () => {
    // The install record claims a grant Cloud never gave: the gateway still says no.
    const cloud = clientFor(emulator).client.forInstall({
      ...readOnly,
      grantedPermissions: ['data:read', 'alerts:read'],
    });
    const error = await failure(cloud.listAlerts());
    expect(error).toMatchObject({ code: 'cloud_forbidden', status: 403 });
    expect(exposed(error)).not.toContain('permission');
  });
});

describe('a revoked key', () => {
  it('is cloud_unauthorized, not retried, and names no secret', async () => {
    const { client, logger } = clientFor(emulator);
    const cloud = client.forInstall(full);
    await cloud.listIdentities({ pageSize: 1 });
    await emulator.uninstall(full.installedAppId);
    const callsBefore = (await emulator.calls()).length;
    const raw = await cloud.listIdentities({ pageSize: 1 }).catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(CloudUnauthorizedError);
    const error = await failure(cloud.listIdentities({ pageSize: 1 }));
    expect(error).toMatchObject({ code: 'cloud_unauthorized', status: 409 });
    expect(error.message).toMatch(/reinstall/i);
    expect((await emulator.calls()).length).toBe(callsBefore + 2);
    for (const text of [exposed(error), ...logger.lines]) {
      expect(text).not.toContain(full.key);
      expect(text).not.toContain('revoked API key');
    }
    expect(logger.lines.some((line) => line.includes(full.installedAppId) && line.includes('cloud_call_failed'))).toBe(
      true,
    );
  });
});
