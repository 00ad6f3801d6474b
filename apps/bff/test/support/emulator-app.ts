import { createCloudEmulator } from '@kyc-review/cloud-emulator';
import { Permission } from '@kyc-review/contracts';
import { z } from 'zod';
import { createCloudClient } from '../../src/cloud/cloud-client';
import { apiHeaders, type PortalSession } from './lifecycle';
import { signInAs, type ReviewerSpec } from './reviewers';
import { testRpc, type TestRpc } from './rpc';
import { startServer } from './server';
import { createTestApp, type TestApp, type TestAppOverrides } from './test-app';

// The BFF wired to the real local Cloud emulator on loopback, installed and launched
// the way Blnk Cloud does it: the emulator sends the install event to the BFF over
// HTTP, the launch goes through the portal generator, and /portal/enter sets the cookie.

const InstallAnswer = z.object({
  install: z.object({
    installed_app_id: z.string(),
    instance_id: z.string(),
    api_key: z.string(),
    granted_permissions: z.array(Permission),
  }),
  callback: z.object({ status: z.number() }).nullable(),
});
const LaunchAnswer = z.object({ portal_url: z.string() });
const Instances = z.array(z.object({ instance_id: z.string(), name: z.string() }));

export type EmulatorBackedOptions = TestAppOverrides & {
  readonly seed?: number;
  readonly identitiesPerInstance?: number;
  /** Per-try Cloud timeout for the BFF's client (default 1 s so fault tests stay quick). */
  readonly cloudTimeoutMs?: number;
};

export type LaunchOptions = {
  readonly userId?: string;
  /** The reviewer signed in on the launch (default: a lead named after userId); null: nobody. */
  readonly reviewer?: ReviewerSpec | null;
  /** `legacy`: the older five-field portal request, so the BFF sees userId as Cloud's user_id. */
  readonly portalFields?: 'current' | 'legacy';
};

export type InstalledSession = {
  readonly installedAppId: string;
  readonly instanceId: string;
  readonly apiKey: string;
  readonly session: PortalSession;
  /** Calls the BFF's /api as the signed-in SPA would (cookie, CSRF header, Origin). */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** The same, through the typed client (`hc<AppType>`): prefer it for well-formed calls. */
  readonly rpc: TestRpc;
};

export async function createEmulatorBackedApp(options: EmulatorBackedOptions = {}) {
  const created = createCloudEmulator({
    seed: options.seed ?? 7,
    identitiesPerInstance: options.identitiesPerInstance ?? 40,
  });
  const emulator = await created.listen(0, '127.0.0.1');
  const cloud = createCloudClient({
    baseUrl: emulator.url,
    timeoutMs: options.cloudTimeoutMs ?? 1_000,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
  });
  const t: TestApp = createTestApp({ ...options, env: { ...options.env, CLOUD_API_URL: emulator.url }, cloud });
  const bff = await startServer(t.app);

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(`${emulator.url}/_emulator${path}`, init);
    if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${res.status}`);
    return res.json();
  };

  await control('PUT', '/manifest', {
    callback_url: `${bff.url}/cloud/callback${t.cloudQuery}`,
    portal_generator_url: `${bff.url}/cloud/portal${t.cloudQuery}`,
    permissions: Permission.options,
  });

  /** Installs through the emulator (which calls the BFF), launches, and enters the portal. */
  async function install(
    permissions: readonly Permission[] = Permission.options,
    opts: LaunchOptions & { instanceId?: string } = {},
  ): Promise<InstalledSession> {
    const answer = InstallAnswer.parse(
      await control(
        'POST',
        '/installs',
        opts.instanceId === undefined ? { permissions } : { permissions, instance_id: opts.instanceId },
      ),
    );
    if (answer.callback?.status !== 200)
      throw new Error(`the BFF answered the install event with ${String(answer.callback?.status)}`);
    const session = await launch(answer.install.installed_app_id, opts.userId, opts);
    return {
      installedAppId: answer.install.installed_app_id,
      instanceId: answer.install.instance_id,
      apiKey: answer.install.api_key,
      session,
      api: async (path, init = {}) => callApi(session, path, init),
      rpc: testRpc(t.app, session),
    };
  }

  /**
   * A launch of the install by a person labelled `userId` (the reviewer's name and email
   * derive from it), signed in as a reviewer unless `reviewer: null`. The emulator sends
   * today's three-field portal request unless `portalFields: 'legacy'` (then userId is the Cloud user_id).
   */
  async function launch(
    installedAppId: string,
    userId = 'user_reviewer_1',
    opts: Omit<LaunchOptions, 'userId'> = {},
  ): Promise<PortalSession> {
    const { portal_url } = LaunchAnswer.parse(
      await control('POST', `/installs/${installedAppId}/launch`, {
        user_id: userId,
        ...(opts.portalFields === undefined ? {} : { portal_fields: opts.portalFields }),
      }),
    );
    const url = new URL(portal_url);
    const enter = await t.app.request(`${url.pathname}${url.search}`);
    if (enter.status !== 303) throw new Error(`/portal/enter answered ${enter.status}`);
    const cookie = (enter.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const reviewer =
      opts.reviewer === null ? undefined : await signInAs(t, installedAppId, cookie, userId, opts.reviewer);
    const dto = z
      .object({ csrf_token: z.string() })
      .parse(await (await t.app.request('/api/session', { headers: { Cookie: cookie } })).json());
    return {
      cookie,
      csrfToken: dto.csrf_token,
      origin: t.config.publicOrigin,
      ...(reviewer === undefined ? {} : { reviewer }),
    };
  }

  function callApi(session: PortalSession, path: string, init: { method?: string; body?: unknown }) {
    const method = init.method ?? 'GET';
    const headers = method === 'GET' ? { Cookie: session.cookie } : apiHeaders(session);
    return t.app.request(path, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }

  return {
    t,
    emulatorUrl: emulator.url,
    /** The emulator's state, for what Cloud's API cannot set up (the vault behind tokenized fields). */
    emulatorStore: created.store,
    bffUrl: bff.url,
    control,
    install,
    launch,
    instances: async () => Instances.parse(await control('GET', '/instances')),
    async close() {
      await bff.close();
      await emulator.close();
      t.close();
    },
  };
}

export type EmulatorBackedApp = Awaited<ReturnType<typeof createEmulatorBackedApp>>;
