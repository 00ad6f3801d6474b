import { DEMO_WATCHLIST_PATH } from '@kyc-review/cloud-emulator';
import { ErrorEnvelope, Permission } from '@kyc-review/contracts';
import { expect } from 'vitest';
import { z } from 'zod';
import { CSRF_HEADER } from '../../src/http/session-middleware';
import { createEmulatorBackedApp, type EmulatorBackedApp, type EmulatorBackedOptions } from '../support/emulator-app';
import { signInAs, TEST_PASSWORD } from '../support/reviewers';
import { TEST_CALLBACK_SECRET } from '../support/test-app';

// The security suite's harness: the BFF in-process with the emulator on loopback, and
// installs launched exactly as Cloud does it, keeping every secret it hands out (API
// keys, launch tokens, session ids, the callback key) and every response body the suite
// saw, so each file can end by proving none of them leaked into a body or a log line.

const InstallAnswer = z.object({
  install: z.object({ installed_app_id: z.string(), instance_id: z.string(), api_key: z.string() }),
  callback: z.object({ status: z.number() }).nullable(),
});
const LaunchAnswer = z.object({ portal_url: z.string() });
const SessionAnswer = z.object({ csrf_token: z.string() });

export type Signed = {
  readonly installedAppId: string;
  readonly instanceId: string;
  readonly apiKey: string;
  readonly cookie: string;
  readonly csrfToken: string;
};

export type CallInit = { method?: string; body?: string; headers?: Record<string, string> };

export type SecurityEnv = EmulatorBackedApp & {
  /** Every secret handed out so far, by a name for the failure message. */
  readonly secrets: Map<string, string>;
  /** Every response body seen through `call`, `cloudPost` and `launchToken`. */
  readonly bodies: string[];
  /** Installs, launches and signs an admin in (every route is open to them). */
  installAndEnter(instanceId: string, permissions?: readonly Permission[]): Promise<Signed>;
  /** A fresh one-time launch token for an install (kept as a secret). */
  launchToken(installedAppId: string, userId?: string): Promise<string>;
  /** Exchanges a launch token for a session cookie at /portal/enter; null when refused. */
  enter(token: string): Promise<{ status: number; cookie: string | null }>;
  /** An /api call as the signed-in SPA makes it; `headers` override the SPA's; an empty value drops one. */
  call(who: Signed, path: string, init?: CallInit): Promise<Response>;
  expectNoSecretsLeaked(): void;
};

export async function createSecurityEnv(options: EmulatorBackedOptions = {}): Promise<SecurityEnv> {
  const env = await createEmulatorBackedApp({
    identitiesPerInstance: 30,
    ...options,
    env: { DEMO_WATCHLIST_CSV: DEMO_WATCHLIST_PATH, ...options.env },
  });
  const secrets = new Map<string, string>([
    ['callback key', TEST_CALLBACK_SECRET],
    ['reviewer password', TEST_PASSWORD],
  ]);
  const bodies: string[] = [];
  const keep = async (res: Response): Promise<Response> => {
    bodies.push(await res.clone().text());
    return res;
  };

  async function launchToken(installedAppId: string, userId = 'user_reviewer_1'): Promise<string> {
    const { portal_url } = LaunchAnswer.parse(
      await env.control('POST', `/installs/${installedAppId}/launch`, { user_id: userId }),
    );
    const token = new URL(portal_url).searchParams.get('token') ?? '';
    secrets.set(`launch token ${String(secrets.size)}`, token);
    return token;
  }

  async function enter(token: string) {
    const res = await keep(await env.t.app.request(`/portal/enter?token=${encodeURIComponent(token)}`));
    const cookie = res.status === 303 ? ((res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '') : null;
    if (cookie !== null) secrets.set(`session id ${String(secrets.size)}`, cookie.slice(cookie.indexOf('=') + 1));
    return { status: res.status, cookie };
  }

  async function installAndEnter(
    instanceId: string,
    permissions: readonly Permission[] = Permission.options,
  ): Promise<Signed> {
    const { install, callback } = InstallAnswer.parse(
      await env.control('POST', '/installs', { permissions, instance_id: instanceId }),
    );
    if (callback?.status !== 200)
      throw new Error(`the BFF answered the install event with ${String(callback?.status)}`);
    secrets.set(`api key of ${install.installed_app_id}`, install.api_key);
    const { cookie } = await enter(await launchToken(install.installed_app_id));
    if (cookie === null) throw new Error('/portal/enter refused a fresh token');
    const admin = await signInAs(env.t, install.installed_app_id, cookie, `admin of ${install.installed_app_id}`, {
      role: 'admin',
    });
    secrets.set(`TOTP secret of ${admin.reviewerId}`, admin.totpSecret);
    const dto = SessionAnswer.parse(
      await (await env.t.app.request('/api/session', { headers: { Cookie: cookie } })).json(),
    );
    return {
      installedAppId: install.installed_app_id,
      instanceId: install.instance_id,
      apiKey: install.api_key,
      cookie,
      csrfToken: dto.csrf_token,
    };
  }

  async function call(who: Signed, path: string, init: CallInit = {}): Promise<Response> {
    const method = init.method ?? 'GET';
    const base: Record<string, string> = { Cookie: who.cookie };
    if (method !== 'GET')
      Object.assign(base, {
        [CSRF_HEADER]: who.csrfToken,
        Origin: env.t.config.publicOrigin,
        'Content-Type': 'application/json',
      });
    const headers = Object.fromEntries(Object.entries({ ...base, ...init.headers }).filter(([, v]) => v !== ''));
    return keep(
      await env.t.app.request(path, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) }),
    );
  }

  function expectNoSecretsLeaked(): void {
    expect(env.t.logs.length).toBeGreaterThan(10);
    expect(bodies.length).toBeGreaterThan(5);
    for (const [name, secret] of secrets) {
      expect(secret.length, name).toBeGreaterThan(15);
      for (const line of env.t.logs) expect(line.includes(secret), `${name} in a log line: ${line}`).toBe(false);
      for (const body of bodies) expect(body.includes(secret), `${name} in a response body`).toBe(false);
    }
  }

  return { ...env, secrets, bodies, installAndEnter, launchToken, enter, call, expectNoSecretsLeaked };
}

/** Two installs of the app on the emulator's two instances: the attacker A and the victim B. */
export async function twoInstalls(env: SecurityEnv): Promise<{ a: Signed; b: Signed }> {
  const [first, second] = await env.instances();
  if (first === undefined || second === undefined) throw new Error('the emulator seeds two instances');
  return { a: await env.installAndEnter(first.instance_id), b: await env.installAndEnter(second.instance_id) };
}

/** The error envelope of a 4xx; fails the test when the body is anything else. */
export async function envelopeOf(res: Response): Promise<{ code: string; message: string }> {
  expect(res.headers.get('Content-Type') ?? '').toMatch(/^application\/json/);
  return ErrorEnvelope.parse(await res.json()).error;
}
