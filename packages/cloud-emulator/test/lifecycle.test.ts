import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InstallEvent, PortalRequest, UninstallEvent } from '@kyc-review/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startEmulator } from './helpers';

// A stand-in app: records what Cloud sends and answers as each test tells it to.
const received: { path: string; body: unknown }[] = [];
let answer: { status: number; delayMs: number; body: unknown } = { status: 200, delayMs: 0, body: { ok: true } };
const app = createServer((req: IncomingMessage, res: ServerResponse) => {
  let text = '';
  req.on('data', (chunk: Buffer) => (text += chunk.toString()));
  req.on('end', () => {
    received.push({ path: req.url ?? '', body: JSON.parse(text) });
    setTimeout(() => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    }, answer.delayMs);
  });
});
await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
afterAll(
  () =>
    new Promise<void>((resolve) => {
      app.closeAllConnections();
      app.close(() => resolve());
    }),
);

const ctx = await startEmulator({ callbackTimeoutMs: 300 });
const Answer = z.object({
  install: z.object({
    installed_app_id: z.string(),
    api_key: z.string().optional(),
    api_key_prefix: z.string(),
    status: z.string(),
    granted_permissions: z.array(z.string()),
  }),
  callback: z.object({ status: z.number(), ms: z.number(), ok: z.boolean(), error: z.string().nullable() }).nullable(),
});
const Log = z.object({
  data: z.array(
    z.object({
      kind: z.string(),
      url: z.string(),
      status: z.number(),
      ok: z.boolean(),
      ms: z.number(),
      response: z.string(),
    }),
  ),
});

beforeAll(async () => {
  const put = await ctx.control('PUT', '/manifest', {
    callback_url: `${appUrl}/cloud/callback?key=s3cret`,
    portal_generator_url: `${appUrl}/cloud/portal?key=s3cret`,
    permissions: ['data:read', 'data:write', 'alerts:read', 'alerts:write'],
  });
  expect(put.status).toBe(200);
});
beforeEach(() => {
  received.length = 0;
  answer = { status: 200, delayMs: 0, body: { ok: true } };
});

const install = async (permissions: string[]) =>
  Answer.parse(await (await ctx.control('POST', '/installs', { permissions })).json());
const ledgersWith = (key: string) => ctx.api(key, '')('GET', '/alerts');

describe('install, launch, uninstall', () => {
  it('posts the install event verbatim to the callback URL and activates on 2xx', async () => {
    const result = await install(['data:read', 'alerts:read']);
    expect(result.install.status).toBe('active');
    expect(result.callback).toMatchObject({ status: 200, ok: true });
    expect(received[0]!.path).toBe('/cloud/callback?key=s3cret');
    const event = InstallEvent.parse(received[0]!.body);
    expect(event).toMatchObject({
      installed_app_id: result.install.installed_app_id,
      granted_permissions: ['data:read', 'alerts:read'],
      idempotency_key: `install:${result.install.installed_app_id}`,
    });
    expect(event.api_key).toBe(result.install.api_key);
    expect(event.api_key.startsWith(event.api_key_prefix)).toBe(true);
  });

  it("launches with today's three-field portal request by default and returns the portal_url", async () => {
    const [active] = z
      .array(z.object({ installed_app_id: z.string(), status: z.string() }))
      .parse(await (await ctx.control('GET', '/installs')).json())
      .filter((i) => i.status === 'active');
    answer = { status: 200, delayMs: 0, body: { portal_url: 'http://localhost:5173/portal/enter?token=abc123' } };
    const launched = await (
      await ctx.control('POST', `/installs/${active!.installed_app_id}/launch`, { user_id: 'user_reviewer1' })
    ).json();
    expect(launched).toMatchObject({
      portal_url: 'http://localhost:5173/portal/enter?token=abc123',
      callback: { ok: true },
    });
    // Contract §3: no person, no organization; a user_id asked for is not sent in this mode.
    expect(received[0]!.body).toEqual({
      installed_app_id: active!.installed_app_id,
      app_id: expect.stringMatching(/^app_/),
      instance_id: expect.any(String),
    });
  });

  it('sends the older five-field request in legacy mode, per launch or switched for every launch', async () => {
    const [active] = z
      .array(z.object({ installed_app_id: z.string(), status: z.string() }))
      .parse(await (await ctx.control('GET', '/installs')).json())
      .filter((i) => i.status === 'active');
    const id = active!.installed_app_id;
    answer = { status: 200, delayMs: 0, body: { portal_url: 'http://localhost:5173/portal/enter?token=abc123' } };
    await ctx.control('POST', `/installs/${id}/launch`, { user_id: 'user_reviewer1', portal_fields: 'legacy' });
    expect(PortalRequest.parse(received[0]!.body)).toMatchObject({
      installed_app_id: id,
      user_id: 'user_reviewer1',
      organization_id: expect.stringMatching(/^org_/),
    });

    expect(await (await ctx.control('GET', '/portal-fields')).json()).toEqual({ mode: 'current' });
    expect((await ctx.control('PUT', '/portal-fields', { mode: 'sideways' })).status).toBe(400);
    expect(await (await ctx.control('PUT', '/portal-fields', { mode: 'legacy' })).json()).toEqual({ mode: 'legacy' });
    await ctx.control('POST', `/installs/${id}/launch`, {});
    expect(Object.keys(z.record(z.string(), z.unknown()).parse(received[1]!.body)).sort()).toEqual([
      'app_id',
      'installed_app_id',
      'instance_id',
      'organization_id',
      'user_id',
    ]);
    await ctx.control('PUT', '/portal-fields', { mode: 'current' });
  });

  it('keeps the install and the key when the uninstall callback fails, revokes both on success', async () => {
    const [active] = z
      .array(z.object({ installed_app_id: z.string(), status: z.string() }))
      .parse(await (await ctx.control('GET', '/installs')).json())
      .filter((i) => i.status === 'active');
    const id = active!.installed_app_id;
    const key = ctx.emulator.store.installs.get(id)!.api_key;
    answer = { status: 500, delayMs: 0, body: { error: 'nope' } };
    const failed = await (await ctx.control('POST', `/installs/${id}/uninstall`)).json();
    expect(failed).toMatchObject({ install: { status: 'active' }, callback: { status: 500, ok: false } });
    expect((await ledgersWith(key)).status).toBe(200);
    answer = { status: 200, delayMs: 0, body: {} };
    const done = await (await ctx.control('POST', `/installs/${id}/uninstall`)).json();
    expect(done).toMatchObject({ install: { status: 'uninstalled' } });
    expect(UninstallEvent.parse(received.at(-1)!.body).idempotency_key).toBe(`uninstall:${id}`);
    expect((await ledgersWith(key)).status).toBe(401);
  });

  it('reuses the installed_app_id on reinstall with a new key', async () => {
    const old = [...ctx.emulator.store.installs.values()].find((i) => i.status === 'uninstalled')!;
    const again = await install(['data:read']);
    expect(again.install.installed_app_id).toBe(old.installed_app_id);
    expect(again.install.api_key).not.toBe(old.api_key);
    expect(InstallEvent.parse(received[0]!.body).idempotency_key).toBe(`install:${old.installed_app_id}`);
    await ctx.control('POST', `/installs/${again.install.installed_app_id}/uninstall`);
  });

  it('cancels the install and revokes the key when the app fails or times out', async () => {
    answer = { status: 503, delayMs: 0, body: {} };
    const refused = await install(['data:read']);
    expect(refused.install.status).toBe('cancelled');
    expect((await ctx.api(refused.install.api_key!, '')('GET', '/alerts')).status).toBe(401);
    answer = { status: 200, delayMs: 1000, body: {} };
    const slow = await install(['data:read']);
    expect(slow.install.status).toBe('cancelled');
    expect(slow.callback).toMatchObject({ status: 0, ok: false, error: expect.stringContaining('300 ms') });
  });

  it('logs every callback with the key masked', async () => {
    const log = Log.parse(await (await ctx.control('GET', '/callbacks')).json()).data;
    expect(log.map((e) => e.kind)).toEqual(expect.arrayContaining(['install', 'launch', 'uninstall']));
    expect(log.every((e) => e.url.includes('key=***') && !e.url.includes('s3cret'))).toBe(true);
    expect(log.some((e) => e.response.includes('token=***'))).toBe(true);
    expect(JSON.stringify(log)).not.toContain('abc123');
  });

  it('installs without an event when the manifest has no callback_url', async () => {
    await ctx.control('PUT', '/manifest', { permissions: ['data:read'] });
    const quiet = await install(['data:read']);
    expect(quiet).toMatchObject({ install: { status: 'active' }, callback: null });
    expect(received).toHaveLength(0);
    expect((await ctx.control('POST', '/installs', { permissions: ['data:write'] })).status).toBe(400);
  });
});
