import { CaseQueueDto, ErrorEnvelope, type Permission } from '@kyc-review/contracts';
import { z } from 'zod';
import {
  accountEmail,
  anyAccount,
  E2E_PASSWORD,
  knownAccount,
  rememberAccount,
  takeRecoveryCode,
  totpNow,
  type Account,
} from './reviewer-accounts';
import type { Stack } from './stack';

// A reviewer signed in to the production BFF the way Cloud does it (install through the
// emulator, launch, /portal/enter, /api/session), and the /api calls the SPA would make.
// Calls go to 127.0.0.1 with the Origin of PUBLIC_URL, as the browser would send it.

const InstallAnswer = z.object({
  install: z.object({ installed_app_id: z.string(), instance_id: z.string(), api_key: z.string() }),
  callback: z.object({ status: z.number() }).nullable(),
});
const LaunchAnswer = z.object({ portal_url: z.string() });

export type Reviewer = {
  readonly installedAppId: string;
  readonly instanceId: string;
  readonly apiKey: string;
  readonly launchToken: string;
  readonly sessionId: string;
  readonly cookie: string;
  readonly csrfToken: string;
};

export async function installAndSignIn(
  stack: Stack,
  options: { permissions?: readonly Permission[]; instanceId?: string; userId?: string } = {},
): Promise<Reviewer> {
  const body = {
    permissions: options.permissions ?? ['data:read', 'data:write', 'alerts:read', 'alerts:write'],
    ...(options.instanceId === undefined ? {} : { instance_id: options.instanceId }),
  };
  const { install, callback } = InstallAnswer.parse(await stack.control('POST', '/installs', body));
  if (callback?.status !== 200) throw new Error(`the BFF answered the install event with ${String(callback?.status)}`);
  return {
    ...(await signIn(stack, install.installed_app_id, options.userId)),
    instanceId: install.instance_id,
    apiKey: install.api_key,
  };
}

const SessionState = z.object({ csrf_token: z.string(), sign_in: z.string() });
const Enrolment = z.object({ secret: z.string() });
const Codes = z.object({ recovery_codes: z.array(z.string()) });

async function post(stack: Stack, cookie: string, csrf: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${loopback(stack)}${path}`, {
    method: 'POST',
    headers: {
      cookie,
      'x-csrf-token': csrf,
      origin: new URL(stack.bff.url).origin,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}

async function expectOk(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  return res;
}

/**
 * Signs a reviewer in on a launched session over HTTP, as the SPA does (decision 017): the
 * install's first launch bootstraps its admin; later launches of a known person sign in with
 * the password and a recovery code. A person the install does not know yet signs in as the
 * install's first account (invitations are the admin's to send; see the reviewers suites).
 */
async function signInReviewer(stack: Stack, installedAppId: string, label: string, cookie: string): Promise<void> {
  const state = SessionState.parse(
    await (await fetch(`${loopback(stack)}/api/session`, { headers: { cookie } })).json(),
  );
  if (state.sign_in === 'signed_in') return;
  const csrf = state.csrf_token;
  if (state.sign_in === 'bootstrap_required') {
    const email = accountEmail(label);
    const enrolment = Enrolment.parse(
      await (
        await expectOk(await post(stack, cookie, csrf, '/api/session/totp-enrolment', { label: email }), 'enrolment')
      ).json(),
    );
    const answer = await expectOk(
      await post(stack, cookie, csrf, '/api/session/bootstrap', {
        display_name: label,
        email,
        password: E2E_PASSWORD,
        totp_code: totpNow(enrolment.secret),
      }),
      'bootstrap',
    );
    const account: Account = {
      installedAppId,
      label,
      displayName: label,
      email,
      password: E2E_PASSWORD,
      totpSecret: enrolment.secret,
      recoveryCodes: Codes.parse(await answer.json()).recovery_codes,
    };
    rememberAccount(account);
    return;
  }
  const account = knownAccount(installedAppId, label) ?? anyAccount(installedAppId);
  if (account === undefined) throw new Error(`no known reviewer of ${installedAppId} to sign in`);
  await expectOk(
    await post(stack, cookie, csrf, '/api/session/sign-in', { email: account.email, password: account.password }),
    'sign-in',
  );
  await expectOk(
    await post(stack, cookie, csrf, '/api/session/second-factor', { code: takeRecoveryCode(account) }),
    'second factor',
  );
}

/** A launch of an existing install by a person: a fresh token, cookie and CSRF token, a reviewer signed in. */
export async function signIn(
  stack: Stack,
  installedAppId: string,
  userId = 'user_reviewer_1',
): Promise<Omit<Reviewer, 'instanceId' | 'apiKey'>> {
  const { portal_url } = LaunchAnswer.parse(
    await stack.control('POST', `/installs/${installedAppId}/launch`, { user_id: userId }),
  );
  const url = new URL(portal_url);
  const launchToken = url.searchParams.get('token') ?? '';
  const enter = await fetch(`${loopback(stack)}${url.pathname}${url.search}`, { redirect: 'manual' });
  if (enter.status !== 303) throw new Error(`/portal/enter answered ${enter.status}`);
  const cookie = (enter.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  await signInReviewer(stack, installedAppId, userId, cookie);
  const session = await fetch(`${loopback(stack)}/api/session`, { headers: { cookie } });
  const { csrf_token: csrfToken } = z.object({ csrf_token: z.string() }).parse(await session.json());
  return { installedAppId, launchToken, sessionId: cookie.slice(cookie.indexOf('=') + 1), cookie, csrfToken };
}

/** The BFF on loopback by address: the same process as PUBLIC_URL, without name lookups. */
export const loopback = (stack: Stack) => `http://127.0.0.1:${String(stack.bff.port)}`;

/** An /api call as the SPA makes it (cookie; CSRF token and Origin when it changes state). */
export function api(
  stack: Stack,
  who: Reviewer,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { cookie: who.cookie };
  if (method !== 'GET')
    Object.assign(headers, {
      'x-csrf-token': who.csrfToken,
      origin: new URL(stack.bff.url).origin,
      'content-type': 'application/json',
    });
  return fetch(`${loopback(stack)}${path}`, {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** Every case of the install's queue, once its first sync has listed `expected` identities. */
export async function syncedQueue(
  stack: Stack,
  who: Reviewer,
  expected: number,
  timeoutMs = 60_000,
): Promise<CaseQueueDto['items']> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const first = CaseQueueDto.parse(
      await (await api(stack, who, '/api/cases?pageSize=100&sort=created_at_desc')).json(),
    );
    if (first.total >= expected) {
      const pages = Math.ceil(first.total / 100);
      const rest = await Promise.all(
        Array.from(
          { length: pages - 1 },
          async (_, i) =>
            CaseQueueDto.parse(
              await (
                await api(stack, who, `/api/cases?pageSize=100&sort=created_at_desc&page=${String(i + 2)}`)
              ).json(),
            ).items,
        ),
      );
      return [...first.items, ...rest.flat()];
    }
    if (Date.now() > deadline)
      throw new Error(`the queue listed ${String(first.total)} of ${String(expected)} identities`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A non-2xx answer must be one of ours: a mapped status with the error envelope, never a 500. */
export async function expectEnvelope(res: Response): Promise<string> {
  return envelopeCode(res.status, await res.text());
}

export function envelopeCode(status: number, text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const parsed = ErrorEnvelope.safeParse(body);
  if (!parsed.success) throw new Error(`${String(status)} without the error envelope: ${text.slice(0, 200)}`);
  return parsed.data.error.code;
}
