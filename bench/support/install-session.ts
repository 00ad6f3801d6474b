import { stringAt } from './json';

export type InstalledSession = {
  readonly installedAppId: string;
  readonly instanceId: string;
  /** The install's Cloud key, for reading the emulator directly (the baseline of proxy-read). */
  readonly apiKey: string;
  /** `name=value` of the BFF's session cookie. */
  readonly cookie: string;
};

export type InstallOptions = {
  readonly emulatorUrl: string;
  readonly bffUrl: string;
  readonly callbackSecret: string;
  readonly permissions: readonly string[];
};

/**
 * The path a reviewer takes, through the emulator's control API: register the manifest
 * (the BFF's URLs with the callback key), install (the emulator sends the install event),
 * launch (the portal request), then enter the portal URL to get the session cookie.
 */
export async function installAndEnter(options: InstallOptions): Promise<InstalledSession> {
  const control = async (method: string, path: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${options.emulatorUrl}/_emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${String(res.status)}`);
    return res.json();
  };
  const key = `?key=${encodeURIComponent(options.callbackSecret)}`;
  await control('PUT', '/manifest', {
    callback_url: `${options.bffUrl}/cloud/callback${key}`,
    portal_generator_url: `${options.bffUrl}/cloud/portal${key}`,
    permissions: options.permissions,
  });
  const installed = await control('POST', '/installs', { permissions: options.permissions });
  const installedAppId = stringAt(installed, 'install', 'installed_app_id');
  const launched = await control('POST', `/installs/${installedAppId}/launch`, { user_id: 'user_bench' });
  const portal = new URL(stringAt(launched, 'portal_url'));
  const enter = await fetch(`${options.bffUrl}${portal.pathname}${portal.search}`, { redirect: 'manual' });
  const cookie = (enter.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (enter.status !== 303 || cookie === '') throw new Error(`/portal/enter answered ${String(enter.status)}`);
  return {
    installedAppId,
    instanceId: stringAt(installed, 'install', 'instance_id'),
    apiKey: stringAt(installed, 'install', 'api_key'),
    cookie,
  };
}
