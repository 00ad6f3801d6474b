import { createCloudEmulator } from '@kyc-review/cloud-emulator';
import { Permission } from '@kyc-review/contracts';
import { createCloudClient, type InstallCloudClient } from '../../src/cloud/cloud-client';

// One install in a Cloud emulator on loopback, with the BFF's own client for it: what the
// outbox suites write back to. Retries are short so a test of failures stays quick.

export type CloudInstall = {
  readonly client: InstallCloudClient;
  readonly installedAppId: string;
  /** The emulator's identities of the install, in its order. */
  readonly identityIds: readonly string[];
  /** A call to the emulator's control API (`/_emulator…`), parsed as JSON. */
  readonly control: (method: string, path: string) => Promise<unknown>;
  readonly close: () => Promise<void>;
};

export async function startCloudInstall(options: { seed: number; identities: number }): Promise<CloudInstall> {
  const created = createCloudEmulator({ seed: options.seed, identitiesPerInstance: options.identities });
  const emulator = await created.listen(0, '127.0.0.1');
  const { install } = await created.control.install(Permission.options);
  const client = createCloudClient({
    baseUrl: emulator.url,
    timeoutMs: 5_000,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
  }).forInstall({
    installedAppId: install.installed_app_id,
    instanceId: install.instance_id,
    grantedPermissions: install.granted_permissions,
    apiKey: () => install.api_key,
  });
  const identities = await client.listIdentities({ pageSize: options.identities });
  return {
    client,
    installedAppId: install.installed_app_id,
    identityIds: identities.data.map((i) => i.identity_id),
    control: async (method, path) => {
      const res = await fetch(`${emulator.url}/_emulator${path}`, { method });
      if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${String(res.status)}`);
      return res.json();
    },
    close: () => emulator.close(),
  };
}
