import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseDetailDto } from '@kyc-review/contracts';
import { identityCount } from '../support/cloud-state';
import { api, installAndSignIn, loopback, signIn, syncedQueue, type Reviewer } from '../support/review-session';
import { startStack, type Stack } from '../support/stack';

// The production process over a whole lifecycle, good and bad calls alike: installs,
// launches, a replayed token, forged Cloud calls, decisions, Cloud faults, CSRF and body
// failures, an uninstall and a reinstall. Then no API key, launch token, session id, CSRF
// token, callback key or encryption key may appear in any line the process wrote, and
// none but the CSRF token (which /api/session hands the SPA) in any response body.

let stack: Stack;
const bodies: string[] = [];
const secrets = new Map<string, string>();

beforeAll(async () => {
  stack = await startStack({ identitiesPerInstance: 30, env: { LOG_LEVEL: 'debug', CLOUD_TIMEOUT_MS: '1000' } });
  secrets.set('callback key', stack.secrets.callbackSecret);
  secrets.set('encryption key', stack.secrets.encryptionKey);
});
afterAll(async () => stack.close());

async function kept(res: Response | Promise<Response>): Promise<Response> {
  const r = await res;
  bodies.push(await r.clone().text());
  return r;
}

function remember(who: Omit<Reviewer, 'instanceId' | 'apiKey'> & { apiKey?: string }, label: string) {
  if (who.apiKey !== undefined) secrets.set(`${label} api key`, who.apiKey);
  secrets.set(`${label} launch token`, who.launchToken);
  secrets.set(`${label} session id`, who.sessionId);
}

const cloudPost = (route: string, query: string, body: unknown) =>
  kept(
    fetch(`${loopback(stack)}${route}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

describe('a whole lifecycle of the production BFF', () => {
  it('leaves no secret in its logs or its answers', async () => {
    const reviewer = await installAndSignIn(stack);
    remember(reviewer, 'first install');
    const csrf = new Map([['csrf token', reviewer.csrfToken]]);

    // A replayed launch token, forged Cloud calls.
    expect(
      (await kept(fetch(`${loopback(stack)}/portal/enter?token=${reviewer.launchToken}`, { redirect: 'manual' })))
        .status,
    ).toBe(401);
    const portal = {
      installed_app_id: reviewer.installedAppId,
      app_id: 'app_forged',
      instance_id: reviewer.instanceId,
    };
    expect((await cloudPost('/cloud/portal', '', portal)).status).toBe(401);
    expect((await cloudPost('/cloud/portal', '?key=wrong-key-0123456789abcdef', portal)).status).toBe(401);
    expect(
      (
        await cloudPost('/cloud/callback', `?key=${encodeURIComponent(stack.secrets.callbackSecret)}`, {
          installed_app_id: 42,
        })
      ).status,
    ).toBe(400);

    // A review: decisions and a confirmed hit, written back by the outbox.
    const queue = await syncedQueue(stack, reviewer, await identityCount(stack, reviewer));
    const fresh = queue.filter((c) => c.status === 'new' && c.open_hits === 0 && c.risk_level !== 'high');
    for (const [i, kase] of fresh.slice(0, 3).entries()) {
      await kept(api(stack, reviewer, `/api/cases/${kase.identity_id}`));
      const body =
        i === 0 ? { action: 'approve' } : { action: i === 1 ? 'escalate' : 'request_info', note: 'lifecycle' };
      expect(
        (await kept(api(stack, reviewer, `/api/cases/${kase.identity_id}/decisions`, { method: 'POST', body }))).status,
      ).toBe(200);
    }
    const hitCase = queue.find((c) => c.open_hits > 0);
    if (hitCase !== undefined) {
      const detail = CaseDetailDto.parse(
        await (await kept(api(stack, reviewer, `/api/cases/${hitCase.identity_id}`))).json(),
      );
      const hit = detail.case.hits[0];
      if (hit !== undefined)
        await kept(
          api(stack, reviewer, `/api/cases/${hitCase.identity_id}/hits/${hit.hit_id}`, {
            method: 'POST',
            body: {
              disposition: 'confirmed',
              reason_code: 'confirmed_same_person',
              note: 'Same person: dob and nationality match.',
            },
          }),
        );
    }

    // Cloud faults while reading and writing back; failed CSRF and body checks.
    await stack.control('POST', '/faults', { status: 503, count: 6 });
    await stack.control('POST', '/faults', { latency_ms: 1_500, count: 2 });
    for (const kase of fresh.slice(3, 6)) await kept(api(stack, reviewer, `/api/identities/${kase.identity_id}`));
    await stack.control('DELETE', '/faults');
    const target = fresh[3]?.identity_id ?? '';
    await kept(
      fetch(`${loopback(stack)}/api/cases/${target}/decisions`, {
        method: 'POST',
        headers: { cookie: reviewer.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    await kept(api(stack, reviewer, `/api/cases/${target}/decisions`, { method: 'POST', body: { action: 42 } }));
    await kept(fetch(`${loopback(stack)}/api/session`, { headers: { cookie: `${reviewer.cookie}tampered` } }));

    // A second reviewer, an uninstall (the old session ends), a reinstall with a new key.
    const second = await signIn(stack, reviewer.installedAppId, 'user_reviewer_2');
    remember(second, 'second reviewer');
    csrf.set('second csrf token', second.csrfToken);
    await stack.control('POST', `/installs/${reviewer.installedAppId}/uninstall`);
    expect((await kept(api(stack, reviewer, '/api/session'))).status).toBe(401);
    const again = await installAndSignIn(stack);
    remember(again, 'reinstall');
    csrf.set('reinstall csrf token', again.csrfToken);
    await kept(api(stack, again, '/api/cases'));
    // Give the outbox worker a few runs (its retries and warnings are log lines too).
    await new Promise((r) => setTimeout(r, 1_500));

    const lines = stack.bff.lines;
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.some((l) => l.includes(reviewer.installedAppId))).toBe(true);
    for (const [name, secret] of [...secrets, ...csrf]) {
      expect(secret.length, name).toBeGreaterThan(15);
      for (const line of lines) expect(line.includes(secret), `${name} in a log line: ${line}`).toBe(false);
    }
    for (const [name, secret] of secrets) {
      for (const body of bodies) expect(body.includes(secret), `${name} in a response body`).toBe(false);
    }
  });
});
