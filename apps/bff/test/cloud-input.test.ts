import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  installApp,
  installEvent,
  portalRequest,
  postCloud,
  TEST_CALLBACK_SECRET,
  type TestApp,
} from './support';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const nothingStored = async () => {
  expect(await t.services.repos.installs.count()).toBe(0);
  expect(t.db.prepare('SELECT COUNT(*) AS n FROM callback_events').get()).toEqual({ n: 0 });
};
const body = async (res: Response) =>
  (await res.json()) as { error: { code: string; message: string; details?: { fields?: { field: string }[] } } };

describe('bad input on /cloud/callback (nothing stored on any 4xx)', () => {
  it('answers 400 to malformed JSON', async () => {
    const res = await postCloud(t, '/cloud/callback', '{"installed_app_id": ');
    expect(res.status).toBe(400);
    expect((await body(res)).error.code).toBe('bad_request');
    await nothingStored();
  });

  it('answers 413 to a body over 64 KiB', async () => {
    const res = await postCloud(t, '/cloud/callback', { ...installEvent(), padding: 'x'.repeat(64 * 1024) });
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe('payload_too_large');
    await nothingStored();
  });

  it('answers 413 to an oversize body sent without Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i += 1) controller.enqueue(chunk);
        controller.close();
      },
    });
    // Node's fetch needs `duplex` for a streamed body; the DOM RequestInit type lacks it.
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    };
    const res = await t.app.request(`/cloud/callback${t.cloudQuery}`, init);
    expect(res.status).toBe(413);
    await nothingStored();
  });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await t.app.request(`/cloud/callback${t.cloudQuery}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
    await nothingStored();
  });

  it('answers 400 naming every missing or wrong-typed field', async () => {
    const { api_key: _, ...event } = installEvent();
    const res = await postCloud(t, '/cloud/callback', {
      ...event,
      // An unknown scope is fine (docs/cloud-contract.md §3); a scope that is not a string is not.
      granted_permissions: ['data:read', 42],
      instance_id: 7,
    });
    expect(res.status).toBe(400);
    const err = (await body(res)).error;
    expect(err.code).toBe('validation_failed');
    const fields = (err.details?.fields ?? []).map((f) => f.field).sort();
    expect(fields).toEqual(['api_key', 'granted_permissions.1', 'instance_id']);
    expect(err.message).toContain('api_key');
    await nothingStored();
  });

  it('answers 400 to an unknown event kind', async () => {
    const res = await postCloud(t, '/cloud/callback', { ...installEvent(), idempotency_key: 'suspend:instapp_test_1' });
    expect(res.status).toBe(400);
    expect((await body(res)).error.details?.fields?.map((f) => f.field)).toEqual(['idempotency_key']);
    await nothingStored();
  });

  it('answers 400 to a body that is not an object', async () => {
    expect((await postCloud(t, '/cloud/callback', '[1,2]')).status).toBe(400);
    expect((await postCloud(t, '/cloud/callback', 'null')).status).toBe(400);
    await nothingStored();
  });

  it('tolerates unknown fields', async () => {
    const res = await postCloud(t, '/cloud/callback', { ...installEvent(), some_new_cloud_field: { nested: true } });
    expect(res.status).toBe(200);
  });

  it('never echoes the api key in a validation error', async () => {
    const event = installEvent();
    const res = await postCloud(t, '/cloud/callback', { ...event, api_key_prefix: 42 });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain(event.api_key);
  });
});

describe('callback key (?key=)', () => {
  for (const route of ['/cloud/callback', '/cloud/portal'] as const) {
    const payload = route === '/cloud/callback' ? installEvent() : portalRequest();
    it(`${route}: 401 when missing or wrong, accepted when right`, async () => {
      if (route === '/cloud/portal') await installApp(t);
      for (const query of [
        '',
        '?key=',
        '?key=wrong-secret',
        `?key=${TEST_CALLBACK_SECRET}x`,
        `?other=${TEST_CALLBACK_SECRET}`,
      ]) {
        const res = await postCloud(t, route, payload, { query });
        expect(res.status, query).toBe(401);
        expect((await body(res)).error.code).toBe('callback_key_invalid');
      }
      expect((await postCloud(t, route, payload)).status).toBe(200);
    });
  }

  it('stores nothing when the key is wrong', async () => {
    await postCloud(t, '/cloud/callback', installEvent(), { query: '?key=nope' });
    await nothingStored();
  });

  it('accepts calls without a key when no secret is configured', async () => {
    t.close();
    t = createTestApp({ env: { CLOUD_CALLBACK_SECRET: undefined } });
    expect((await postCloud(t, '/cloud/callback', installEvent(), { query: '' })).status).toBe(200);
  });
});

describe('app pinning (CLOUD_APP_ID)', () => {
  beforeEach(() => {
    t.close();
    t = createTestApp({ env: { CLOUD_APP_ID: 'app_kyc_review' } });
  });

  it('accepts the pinned app', async () => {
    expect((await postCloud(t, '/cloud/callback', installEvent())).status).toBe(200);
  });

  it('refuses install events of another app with 403 app_not_allowed and stores nothing', async () => {
    const res = await postCloud(t, '/cloud/callback', installEvent({ app_id: 'app_someone_else' }));
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe('app_not_allowed');
    await nothingStored();
  });

  it('refuses launches of another app', async () => {
    await installApp(t);
    const res = await postCloud(t, '/cloud/portal', portalRequest({ app_id: 'app_someone_else' }));
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe('app_not_allowed');
    expect(await t.services.repos.launchTokens.count()).toBe(0);
  });
});
