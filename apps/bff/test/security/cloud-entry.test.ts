import { afterEach, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '@kyc-review/contracts';
import {
  createTestApp,
  installEvent,
  launchPortal,
  portalRequest,
  postCloud,
  TEST_CALLBACK_SECRET,
  uninstallEvent,
  type TestApp,
} from '../support';
import { rowCounts } from './row-counts';

// The doors Cloud knocks on, tried by an attacker who knows the three non-secret ids
// (docs/cloud-contract.md §3, §8): a request without the callback key, an app_id other than the pinned
// one, and a launch token used twice. Each is refused and stores nothing; the same
// request with the protection satisfied succeeds, so the refusal is the protection's.

const PINNED = 'app_kyc_review';
const secrets = new Map<string, string>([['callback key', TEST_CALLBACK_SECRET]]);
const bodies: string[] = [];
const logs: string[] = [];
let t: TestApp;

function start(env: Record<string, string> = {}): TestApp {
  t = createTestApp({ env });
  return t;
}
afterEach(() => {
  logs.push(...t.logs);
  t.close();
});

async function kept(res: Response): Promise<Response> {
  bodies.push(await res.clone().text());
  return res;
}
const codeOf = async (res: Response) => ErrorEnvelope.parse(await res.json()).error.code;

async function install(app: TestApp, appId = PINNED) {
  const event = installEvent({ app_id: appId });
  secrets.set(`api key ${String(secrets.size)}`, event.api_key);
  return { event, res: await kept(await postCloud(app, '/cloud/callback', event)) };
}

describe('forged Cloud requests', () => {
  it('a portal request or an event without the callback key (or with a wrong one) is 401 and mints nothing', async () => {
    const app = start();
    await install(app);
    const before = rowCounts(app.db);
    for (const query of [
      '',
      '?key=',
      `?key=${'x'.repeat(TEST_CALLBACK_SECRET.length)}`,
      `?key=${TEST_CALLBACK_SECRET.slice(0, -1)}`,
    ]) {
      const portal = await kept(await postCloud(app, '/cloud/portal', portalRequest({ app_id: PINNED }), { query }));
      expect(portal.status).toBe(401);
      expect(await codeOf(portal)).toBe('callback_key_invalid');
      const event = await kept(
        await postCloud(app, '/cloud/callback', installEvent({ installed_app_id: 'instapp_forged' }), { query }),
      );
      expect(event.status).toBe(401);
    }
    expect(rowCounts(app.db)).toEqual(before);
    // The same request with the key is a launch: the 401 came from the key check.
    const url = await launchPortal(app, { app_id: PINNED });
    secrets.set('launch token (key check control)', url.searchParams.get('token') ?? '');
    expect(rowCounts(app.db)['launch_tokens']).toBe((before['launch_tokens'] ?? 0) + 1);
  });

  it('with CLOUD_APP_ID pinned, another app_id is 403 for events and launches, and nothing is stored', async () => {
    const app = start({ CLOUD_APP_ID: PINNED });
    const refused = await install(app, 'app_impostor');
    expect(refused.res.status).toBe(403);
    expect(await codeOf(refused.res)).toBe('app_not_allowed');
    expect(rowCounts(app.db)['installs']).toBe(0);
    expect(rowCounts(app.db)['callback_events']).toBe(0);

    const accepted = await install(app);
    expect(accepted.res.status).toBe(200);
    const before = rowCounts(app.db);
    const portal = await kept(await postCloud(app, '/cloud/portal', portalRequest({ app_id: 'app_impostor' })));
    expect(portal.status).toBe(403);
    expect(await codeOf(portal)).toBe('app_not_allowed');
    const uninstall = await kept(
      await postCloud(
        app,
        '/cloud/callback',
        uninstallEvent({ installed_app_id: accepted.event.installed_app_id, app_id: 'app_impostor' }),
      ),
    );
    expect(uninstall.status).toBe(403);
    expect(rowCounts(app.db)).toEqual(before);
    expect(app.db.prepare('SELECT status FROM installs').pluck().all()).toEqual(['active']);
  });

  it('a launch token works once: the replay is 401 with the relaunch page, no cookie, no new session', async () => {
    const app = start();
    await install(app);
    const url = await launchPortal(app, { app_id: PINNED });
    secrets.set('launch token', url.searchParams.get('token') ?? '');
    const first = await kept(await app.app.request(`${url.pathname}${url.search}`));
    expect(first.status).toBe(303);
    const cookie = /=([^;]+);/.exec(first.headers.get('Set-Cookie') ?? '')?.[1] ?? '';
    secrets.set('session id', cookie);
    const sessions = rowCounts(app.db)['sessions'];

    for (let i = 0; i < 3; i += 1) {
      const replay = await kept(await app.app.request(`${url.pathname}${url.search}`));
      expect(replay.status).toBe(401);
      expect(replay.headers.get('Set-Cookie')).toBeNull();
      expect(replay.headers.get('Location')).toBeNull();
      expect(replay.headers.get('Content-Type')).toMatch(/^text\/html/);
    }
    expect(rowCounts(app.db)['sessions']).toBe(sessions);
  });

  it('after all of it: no key, token, session id or callback key in a body or a log line', () => {
    expect(logs.length).toBeGreaterThan(10);
    for (const [name, secret] of secrets) {
      expect(secret.length, name).toBeGreaterThan(15);
      for (const line of logs) expect(line.includes(secret), `${name} in log: ${line}`).toBe(false);
      for (const body of bodies) expect(body.includes(secret), `${name} in a body`).toBe(false);
    }
  });
});
