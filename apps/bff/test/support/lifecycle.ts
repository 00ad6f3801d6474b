import type { Permission } from '@kyc-review/contracts';
import { signInAs, type ReviewerSpec, type TestReviewer } from './reviewers';
import type { TestApp } from './test-app';

export type InstallOptions = {
  readonly permissions?: readonly Permission[];
  readonly installed_app_id?: string;
  readonly app_id?: string;
  readonly instance_id?: string;
  readonly organization_id?: string;
  readonly api_key?: string;
  readonly api_key_prefix?: string;
  readonly idempotency_key?: string;
};

export const DEFAULT_IDS = {
  installed_app_id: 'instapp_test_1',
  app_id: 'app_kyc_review',
  instance_id: 'inst_test_1',
  organization_id: 'org_test_1',
  user_id: 'user_test_1',
} as const;

/** The install event Cloud would send; an api key unique per call unless given. */
export function installEvent(options: InstallOptions = {}) {
  const installedAppId = options.installed_app_id ?? DEFAULT_IDS.installed_app_id;
  const apiKey = options.api_key ?? `blnk_live_${crypto.randomUUID().replaceAll('-', '')}`;
  return {
    installed_app_id: installedAppId,
    app_id: options.app_id ?? DEFAULT_IDS.app_id,
    instance_id: options.instance_id ?? DEFAULT_IDS.instance_id,
    api_key: apiKey,
    api_key_prefix: options.api_key_prefix ?? apiKey.slice(0, 12),
    granted_permissions: [...(options.permissions ?? ['data:read', 'data:write', 'alerts:read', 'alerts:write'])],
    idempotency_key: options.idempotency_key ?? `install:${installedAppId}`,
    ...(options.organization_id === undefined ? {} : { organization_id: options.organization_id }),
  };
}

export function uninstallEvent(
  options: { installed_app_id?: string; app_id?: string; instance_id?: string; uninstalled_at?: string } = {},
) {
  const installedAppId = options.installed_app_id ?? DEFAULT_IDS.installed_app_id;
  return {
    installed_app_id: installedAppId,
    app_id: options.app_id ?? DEFAULT_IDS.app_id,
    instance_id: options.instance_id ?? DEFAULT_IDS.instance_id,
    uninstalled_at: options.uninstalled_at ?? '2026-11-22T10:00:00Z',
    idempotency_key: `uninstall:${installedAppId}`,
  };
}

/** POSTs JSON to a /cloud/* route with the callback key, as Cloud would. */
export function postCloud(
  t: TestApp,
  route: '/cloud/callback' | '/cloud/portal',
  body: unknown,
  init: { query?: string } = {},
) {
  return t.app.request(`${route}${init.query ?? t.cloudQuery}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Sends a real install event; throws unless Cloud would see 200. Returns the event sent. */
export async function installApp(t: TestApp, options: InstallOptions = {}) {
  const event = installEvent(options);
  const res = await postCloud(t, '/cloud/callback', event);
  if (res.status !== 200) throw new Error(`install answered ${res.status}: ${await res.text()}`);
  return event;
}

export async function uninstallApp(t: TestApp, options: Parameters<typeof uninstallEvent>[0] = {}) {
  const event = uninstallEvent(options);
  const res = await postCloud(t, '/cloud/callback', event);
  if (res.status !== 200) throw new Error(`uninstall answered ${res.status}: ${await res.text()}`);
  return event;
}

export type PortalOptions = {
  readonly installed_app_id?: string;
  readonly app_id?: string;
  readonly instance_id?: string;
  readonly organization_id?: string;
  readonly user_id?: string;
};

export function portalRequest(options: PortalOptions = {}) {
  return {
    installed_app_id: options.installed_app_id ?? DEFAULT_IDS.installed_app_id,
    app_id: options.app_id ?? DEFAULT_IDS.app_id,
    instance_id: options.instance_id ?? DEFAULT_IDS.instance_id,
    organization_id: options.organization_id ?? DEFAULT_IDS.organization_id,
    user_id: options.user_id ?? DEFAULT_IDS.user_id,
  };
}

/** Requests a launch and returns the one-time portal URL. */
export async function launchPortal(t: TestApp, options: PortalOptions = {}): Promise<URL> {
  const res = await postCloud(t, '/cloud/portal', portalRequest(options));
  if (res.status !== 200) throw new Error(`portal answered ${res.status}: ${await res.text()}`);
  const body: unknown = await res.json();
  if (typeof body !== 'object' || body === null || !('portal_url' in body) || typeof body.portal_url !== 'string')
    throw new Error('no portal_url');
  return new URL(body.portal_url);
}

export type PortalSession = {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly origin: string;
  /** Who is signed in on it; undefined for a launch nobody signed in on. */
  readonly reviewer?: TestReviewer;
};

export type EnterOptions = PortalOptions & {
  /**
   * The reviewer to sign in on the launch (decision 017): by default a lead named after the
   * launch's user id; `null` leaves the session launched but not signed in.
   */
  readonly reviewer?: ReviewerSpec | null;
};

/** Launch → /portal/enter → reviewer signed in → /api/session: a browser ready to call /api. */
export async function enterPortal(t: TestApp, options: EnterOptions = {}): Promise<PortalSession> {
  const url = await launchPortal(t, options);
  const enter = await t.app.request(`${url.pathname}${url.search}`);
  if (enter.status !== 303) throw new Error(`/portal/enter answered ${enter.status}`);
  const setCookie = enter.headers.get('Set-Cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const reviewer =
    options.reviewer === null
      ? undefined
      : await signInAs(
          t,
          options.installed_app_id ?? DEFAULT_IDS.installed_app_id,
          cookie,
          options.user_id ?? DEFAULT_IDS.user_id,
          options.reviewer,
        );
  const session = await t.app.request('/api/session', { headers: { Cookie: cookie } });
  const dto: unknown = await session.json();
  if (typeof dto !== 'object' || dto === null || !('csrf_token' in dto) || typeof dto.csrf_token !== 'string')
    throw new Error('no csrf_token');
  return {
    cookie,
    csrfToken: dto.csrf_token,
    origin: t.config.publicOrigin,
    ...(reviewer === undefined ? {} : { reviewer }),
  };
}

/** Headers a same-origin SPA sends on a state-changing /api call. */
export function apiHeaders(session: PortalSession): Record<string, string> {
  return {
    Cookie: session.cookie,
    'X-CSRF-Token': session.csrfToken,
    Origin: session.origin,
    'Content-Type': 'application/json',
  };
}
