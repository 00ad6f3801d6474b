import { afterEach, expect, it } from 'vitest';
import {
  apiHeaders,
  createTestApp,
  enterPortal,
  installApp,
  installEvent,
  launchPortal,
  portalRequest,
  postCloud,
  TEST_CALLBACK_SECRET,
  uninstallApp,
  type TestApp,
} from './support';

let t: TestApp;
afterEach(() => t.close());

/**
 * Runs the whole lifecycle — good and bad requests — while collecting every response
 * body, then checks that no secret appears in a body or a log line (docs/cloud-contract.md §8).
 */
it('never writes an api key, token, session id or callback key to a log line or a response body', async () => {
  t = createTestApp({ env: { LOG_LEVEL: 'debug' } });
  const bodies: string[] = [];
  const keep = async (res: Response) => {
    bodies.push(await res.clone().text());
    return res;
  };

  const install = installEvent();
  await keep(await postCloud(t, '/cloud/callback', install));
  await keep(await postCloud(t, '/cloud/callback', install));
  await keep(await postCloud(t, '/cloud/callback', { ...install, instance_id: 42 }));
  await keep(await postCloud(t, '/cloud/callback', install, { query: '?key=wrong' }));
  const portalUrl = await launchPortal(t);
  const token = portalUrl.searchParams.get('token') ?? '';
  const entered = await keep(await t.app.request(`${portalUrl.pathname}${portalUrl.search}`));
  const sessionId = /=([^;]+);/.exec(entered.headers.get('Set-Cookie') ?? '')?.[1] ?? '';
  await keep(await t.app.request(`${portalUrl.pathname}${portalUrl.search}`));
  const session = await enterPortal(t);
  const sessionId2 = session.cookie.split('=')[1] ?? '';
  await keep(await t.app.request('/api/session', { headers: { Cookie: session.cookie } }));
  await keep(
    await t.app.request('/api/session', { method: 'POST', headers: { ...apiHeaders(session), 'X-CSRF-Token': 'x' } }),
  );
  await keep(await postCloud(t, '/cloud/portal', portalRequest({ instance_id: 'inst_other' })));
  const replacement = await installApp(t);
  await uninstallApp(t);
  await keep(await t.app.request('/api/session', { headers: { Cookie: session.cookie } }));

  const secrets = {
    api_key: install.api_key,
    api_key_2: replacement.api_key,
    token,
    session_id: sessionId,
    session_id_2: sessionId2,
    callback_key: TEST_CALLBACK_SECRET,
  };
  for (const [name, secret] of Object.entries(secrets)) expect(secret.length, name).toBeGreaterThan(15);
  expect(t.logs.length).toBeGreaterThan(10);
  for (const [name, secret] of Object.entries(secrets)) {
    for (const line of t.logs) expect(line.includes(secret), `${name} in log: ${line}`).toBe(false);
    for (const body of bodies) expect(body.includes(secret), `${name} in body`).toBe(false);
  }
  // …while the log still says what happened.
  const requests = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'request');
  expect(requests.find((l) => l['path'] === '/cloud/callback' && l['status'] === 200)).toMatchObject({
    install_id: install.installed_app_id,
    key_prefix: install.api_key_prefix,
  });
  expect(requests.every((l) => typeof l['request_id'] === 'string' && typeof l['duration_ms'] === 'number')).toBe(true);
});
