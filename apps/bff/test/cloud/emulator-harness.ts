import { Permission } from '@kyc-review/contracts';
import { createCloudEmulator } from '@kyc-review/cloud-emulator';
import { z } from 'zod';
import { createCloudClient, type CloudClientOptions, type InstallRef } from '../../src/cloud/cloud-client';
import { captureLogger } from './fixtures';

// The local Blnk Cloud on a loopback port, driven through its control API (/_emulator),
// as the Cloud client's tests see it: installs with chosen scopes, faults, and the log
// of API calls it received (to count retries).

const InstallAnswer = z.object({
  install: z.object({
    installed_app_id: z.string(),
    instance_id: z.string(),
    api_key: z.string(),
    granted_permissions: z.array(Permission),
    status: z.string(),
  }),
});
const Instances = z.array(z.object({ instance_id: z.string() }));
const Calls = z.object({
  data: z.array(z.object({ method: z.string(), path: z.string(), query: z.string(), status: z.number() })),
});
export type EmulatorCall = z.infer<typeof Calls>['data'][number];

export interface FaultSpec {
  readonly status?: number;
  readonly latency_ms?: number;
  readonly reset?: boolean;
  readonly retry_after?: number;
  readonly count?: number;
}

export interface TestInstall extends InstallRef {
  readonly key: string;
  /** How many times the client asked for the key (once per try). */
  keyReads(): number;
}

export async function startEmulator() {
  const running = await createCloudEmulator({ seed: 11, identitiesPerInstance: 60 }).listen(0, '127.0.0.1');

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(`${running.url}/_emulator${path}`, init);
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  const instances = async (): Promise<string[]> =>
    Instances.parse(await control('GET', '/instances')).map((i) => i.instance_id);

  return {
    url: running.url,
    close: () => running.close(),
    instances,

    /** Installs the app on an instance (the first one by default) with exactly these scopes. */
    async install(permissions: readonly Permission[], instanceId?: string): Promise<TestInstall> {
      const answer = InstallAnswer.parse(
        await control(
          'POST',
          '/installs',
          instanceId === undefined ? { permissions } : { permissions, instance_id: instanceId },
        ),
      );
      let reads = 0;
      const { install } = answer;
      return {
        installedAppId: install.installed_app_id,
        instanceId: install.instance_id,
        grantedPermissions: install.granted_permissions,
        key: install.api_key,
        apiKey: () => {
          reads += 1;
          return install.api_key;
        },
        keyReads: () => reads,
      };
    },

    /** Cloud uninstalls and revokes the key (no callback URL is registered in these tests). */
    uninstall: async (installedAppId: string) => {
      await control('POST', `/installs/${installedAppId}/uninstall`);
    },
    fault: async (spec: FaultSpec) => {
      await control('POST', '/faults', spec);
    },
    clearFaults: async () => {
      await control('DELETE', '/faults');
    },
    calls: async (): Promise<EmulatorCall[]> => Calls.parse(await control('GET', '/calls')).data,
    identity: async (id: string): Promise<unknown> => control('GET', `/identities/${id}`),
    alertsOn: async (identityId: string): Promise<unknown> =>
      control('GET', `/alerts?identity_id=${encodeURIComponent(identityId)}`),
  };
}

export type TestEmulator = Awaited<ReturnType<typeof startEmulator>>;

/**
 * A Cloud client pointed at the emulator. Sleeps are recorded, not waited: a test checks
 * that `Retry-After` was honoured by the delay asked for, without slowing the suite.
 */
export function clientFor(emulator: TestEmulator, overrides: Partial<CloudClientOptions> = {}) {
  const slept: number[] = [];
  const logger = captureLogger();
  const client = createCloudClient({
    baseUrl: emulator.url,
    timeoutMs: 5_000,
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 2_000 },
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
    logger,
    ...overrides,
  });
  return { client, slept, logger };
}

export const ALL: readonly Permission[] = ['data:read', 'data:write', 'alerts:read', 'alerts:write'];
