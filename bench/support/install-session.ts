import { totpCode } from '../../apps/bff/src/crypto/totp';
import { stringAt } from './json';

export type InstalledSession = {
  readonly installedAppId: string;
  readonly instanceId: string;
  /** The install's Cloud key, for reading the emulator directly (the baseline of proxy-read). */
  readonly apiKey: string;
  /** `name=value` of the BFF's session cookie. */
  readonly cookie: string;
};

/** Every scope the review screens use. */
export const REVIEW_PERMISSIONS = ['data:read', 'data:write', 'alerts:read', 'alerts:write'] as const;

export type InstallOptions = {
  readonly emulatorUrl: string;
  readonly bffUrl: string;
  readonly callbackSecret: string;
  readonly permissions: readonly string[];
};

/**
 * The first launch of an install signs its first admin up (decision 017), as the SPA does:
 * a TOTP enrolment, then the bootstrap with the first code. Every /api route but
 * /api/session needs a signed-in reviewer.
 */
async function bootstrapAdmin(bffUrl: string, cookie: string): Promise<void> {
  const state: unknown = await (await fetch(`${bffUrl}/api/session`, { headers: { cookie } })).json();
  const csrf = stringAt(state, 'csrf_token');
  const post = async (path: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${bffUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, origin: new URL(bffUrl).origin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} answered ${String(res.status)}: ${await res.text()}`);
    return res.json();
  };
  const email = 'bench-admin@bench.test';
  const enrolment = await post('/api/session/totp-enrolment', { label: email });
  await post('/api/session/bootstrap', {
    display_name: 'Bench Admin',
    email,
    password: 'a bench passphrase that is long enough',
    totp_code: totpCode(stringAt(enrolment, 'secret'), Date.now()),
  });
}

/**
 * The path a reviewer takes, through the emulator's control API: register the manifest
 * (the BFF's URLs with the callback key), install (the emulator sends the install event),
 * launch (the portal request), enter the portal URL to get the session cookie, then sign
 * the install's first admin up on it.
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
  await bootstrapAdmin(options.bffUrl, cookie);
  return {
    installedAppId,
    instanceId: stringAt(installed, 'install', 'instance_id'),
    apiKey: stringAt(installed, 'install', 'api_key'),
    cookie,
  };
}

/** Installs with every review scope on the BFF started by bench/support/bff-process.ts. */
export function installWithReviewScopes(
  emulatorUrl: string,
  bff: { readonly url: string; readonly callbackSecret: string },
): Promise<InstalledSession> {
  return installAndEnter({
    emulatorUrl,
    bffUrl: bff.url,
    callbackSecret: bff.callbackSecret,
    permissions: REVIEW_PERMISSIONS,
  });
}
