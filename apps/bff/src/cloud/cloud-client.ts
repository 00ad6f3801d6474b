import { setTimeout as delay } from 'node:timers/promises';
import type { Permission } from '@kyc-review/contracts';
import { alertCalls, type AlertCalls } from './alert-calls';
import { callCloud, type CloudLogger, type ScopedCall, type TransportConfig } from './cloud-transport';
import { identityCalls, type IdentityCalls } from './identity-calls';
import { InstallLimiter } from './install-limiter';
import { assertGranted } from './operations';
import { DEFAULT_RETRY, type RetryOptions } from './retry-policy';

export interface CloudClientOptions {
  /** Cloud's API root, e.g. https://api.cloud.blnkfinance.com (CLOUD_API_URL). */
  readonly baseUrl: string;
  /** Per try; a call that retries may take `attempts` times this plus the delays. */
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
  readonly retry?: RetryOptions;
  readonly maxConcurrentPerInstall?: number;
  readonly maxResponseBytes?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly logger?: CloudLogger;
}

/** What the client needs to know about an install; the key is decrypted per try, never kept. */
export interface InstallRef {
  readonly installedAppId: string;
  readonly instanceId: string;
  readonly grantedPermissions: readonly Permission[];
  readonly apiKey: () => string;
}

export type InstallCloudClient = IdentityCalls & AlertCalls;

export interface CloudClient {
  forInstall(install: InstallRef): InstallCloudClient;
}

const positiveInt = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
};

export function createCloudClient(options: CloudClientOptions): CloudClient {
  const retry = options.retry ?? DEFAULT_RETRY;
  positiveInt('retry.attempts', retry.attempts);
  // A trailing slash keeps a self-hosted Cloud's path prefix when paths are resolved.
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const config: TransportConfig = {
    baseUrl: new URL(base),
    timeoutMs: positiveInt('timeoutMs', options.timeoutMs),
    fetch: options.fetch ?? fetch,
    retry,
    limiter: new InstallLimiter(options.maxConcurrentPerInstall ?? 4),
    sleep: options.sleep ?? ((ms) => delay(ms)),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    maxResponseBytes: positiveInt('maxResponseBytes', options.maxResponseBytes ?? 8 * 1024 * 1024),
    logger: options.logger,
  };

  return {
    forInstall(install) {
      const who = { installedAppId: install.installedAppId, instanceId: install.instanceId, apiKey: install.apiKey };
      const granted = [...install.grantedPermissions];
      // async so that a missing scope rejects like every other failure instead of throwing.
      const call: ScopedCall = async (request) => {
        assertGranted(granted, request.operation);
        return callCloud(config, who, request);
      };
      return { ...identityCalls(call), ...alertCalls(call) };
    },
  };
}
