import type { Permission } from '@kyc-review/contracts';
import { afterAll } from 'vitest';
import { z } from 'zod';
import { createCloudEmulator, type CloudEmulatorOptions } from '../src/index';

export const FIXED_NOW = new Date('2026-11-22T12:00:00Z');

const InstallAnswer = z.object({
  install: z.object({
    installed_app_id: z.string(),
    instance_id: z.string(),
    api_key: z.string(),
    status: z.string(),
    granted_permissions: z.array(z.string()),
  }),
  callback: z.unknown(),
});

/** An emulator on a loopback port, closed after the file's tests. */
export async function startEmulator(options: CloudEmulatorOptions = {}) {
  const emulator = createCloudEmulator({ seed: 7, identitiesPerInstance: 200, now: () => FIXED_NOW, ...options });
  const running = await emulator.listen(0);
  afterAll(() => running.close());
  const control = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${running.url}/_emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const install = async (permissions: Permission[], instanceId?: string) => {
    const res = await control('POST', '/installs', {
      permissions,
      ...(instanceId === undefined ? {} : { instance_id: instanceId }),
    });
    if (res.status !== 200) throw new Error(`install failed: ${res.status} ${await res.text()}`);
    return InstallAnswer.parse(await res.json()).install;
  };
  /** A Cloud API call with the install's key and instance_id. */
  const api =
    (key: string, instanceId: string) =>
    async (method: string, path: string, body?: unknown): Promise<Response> => {
      const url = new URL(path, running.url);
      if (!url.searchParams.has('instance_id')) url.searchParams.set('instance_id', instanceId);
      return fetch(url, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    };
  return { emulator, url: running.url, control, install, api };
}

export const Listing = z.object({ data: z.array(z.record(z.string(), z.unknown())), total: z.number() });
