import { Alert } from '@kyc-review/contracts';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startEmulator } from './helpers';

const ctx = await startEmulator();
const Instances = z.array(z.object({ instance_id: z.string(), name: z.string() }));
let instances: z.infer<typeof Instances>;

beforeAll(async () => {
  instances = Instances.parse(await (await ctx.control('GET', '/instances')).json());
});

describe('gateway auth', () => {
  it('answers 401 for a missing or unknown key', async () => {
    const none = await fetch(`${ctx.url}/data/identities?instance_id=${instances[0]!.instance_id}`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: expect.any(String) });
    const unknown = await ctx.api('blnk_nope', instances[0]!.instance_id)('GET', '/data/identities');
    expect(unknown.status).toBe(401);
  });

  it('enforces scopes per docs/cloud-contract.md §6.1 and binds the key to its instance', async () => {
    const install = await ctx.install(['data:read'], instances[1]!.instance_id);
    const call = ctx.api(install.api_key, install.instance_id);
    expect((await call('GET', '/data/identities')).status).toBe(200);
    expect((await call('POST', '/identities/filter', { filters: [] })).status).toBe(200);
    expect((await call('GET', '/proxy/identities/idt_x')).status).toBe(404);
    const write = await call('POST', '/proxy/idt_x/metadata', { meta_data: {} });
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({ error: expect.stringContaining('data:write') });
    expect((await call('GET', '/alerts')).status).toBe(403);
    expect((await call('POST', '/alerts/flag/idt_x', { description: 'x' })).status).toBe(403);
    const other = await ctx.api(install.api_key, instances[0]!.instance_id)('GET', '/data/identities');
    expect(other.status).toBe(403);
    const noInstance = await fetch(`${ctx.url}/data/identities`, {
      headers: { authorization: `Bearer ${install.api_key}` },
    });
    expect(noInstance.status).toBe(400);
  });

  it('scopes alerts to the key instance, accepts and ignores instance_id', async () => {
    const install = await ctx.install(['data:read', 'alerts:read', 'alerts:write'], instances[0]!.instance_id);
    const call = ctx.api(install.api_key, install.instance_id);
    const identity = z
      .object({ data: z.array(z.object({ identity_id: z.string() })) })
      .parse(await (await call('GET', '/data/identities?pageSize=1')).json()).data[0]!;
    expect((await call('POST', `/alerts/flag/${identity.identity_id}`, { title: 't' })).status).toBe(400);
    const flagged = await call('POST', `/alerts/flag/${identity.identity_id}`, {
      title: 'Watchlist hit',
      description: 'confirmed',
    });
    expect(flagged.status).toBe(201);
    const alert = Alert.parse(await flagged.json());
    expect(alert).toMatchObject({ status: 'FLAGGED', type: 'Identity' });
    const updated = await call('PUT', `/alerts/flag/${alert.anomaly_id}`, { status: 'INVESTIGATING' });
    expect(await updated.json()).toMatchObject({ status: 'INVESTIGATING' });
    expect((await call('PUT', `/alerts/flag/${alert.anomaly_id}`, { status: 'NOPE' })).status).toBe(400);
    const listed = z
      .object({ data: z.array(z.object({ anomaly_id: z.string() })), total: z.number() })
      .parse(await (await call('GET', `/alerts?identity_id=${identity.identity_id}`)).json());
    expect(listed.data.map((a) => a.anomaly_id)).toContain(alert.anomaly_id);
    expect((await call('GET', `/alerts/${alert.anomaly_id}`)).status).toBe(200);
    expect(await (await call('GET', '/alerts/statuses')).json()).toMatchObject({
      data: expect.arrayContaining([
        expect.objectContaining({ key: 'FLAGGED', name: 'Flagged', colour: expect.stringMatching(/^#[0-9A-F]{6}$/) }),
        expect.objectContaining({ key: 'PENDING_REVIEW', name: 'Pending Review', organization_id: expect.any(String) }),
      ]),
      allowed_colours: expect.arrayContaining(['#3B82F6', '#10B981']),
    });
    const noInstance = await fetch(`${ctx.url}/alerts`, { headers: { authorization: `Bearer ${install.api_key}` } });
    expect(noInstance.status).toBe(200);
    const other = await ctx.api(install.api_key, instances[1]!.instance_id)('GET', `/alerts/${alert.anomaly_id}`);
    expect(other.status).toBe(403);
    const viaControl = await (await ctx.control('GET', `/alerts?identity_id=${identity.identity_id}`)).json();
    expect(viaControl).toMatchObject({ total: listed.total });
  });

  it('revokes the key on uninstall', async () => {
    const installs = z
      .array(z.object({ installed_app_id: z.string(), instance_id: z.string(), status: z.string() }))
      .parse(await (await ctx.control('GET', '/installs')).json());
    const active = installs.find((i) => i.instance_id === instances[1]!.instance_id && i.status === 'active')!;
    const answer = await ctx.control('POST', `/installs/${active.installed_app_id}/uninstall`);
    expect(await answer.json()).toMatchObject({ callback: null, install: { status: 'uninstalled' } });
    const reinstall = await ctx.install(['data:read'], instances[1]!.instance_id);
    expect(reinstall.installed_app_id).toBe(active.installed_app_id);
  });
});

describe('faults', () => {
  let call: ReturnType<typeof ctx.api>;
  const Calls = z.object({
    data: z.array(
      z.object({
        path: z.string(),
        query: z.string(),
        status: z.number(),
        fault: z.boolean(),
        installed_app_id: z.string().nullable(),
        ms: z.number(),
      }),
    ),
  });
  const calls = async () => Calls.parse(await (await ctx.control('GET', '/calls')).json()).data;

  beforeAll(async () => {
    const installs = z
      .array(z.object({ installed_app_id: z.string(), instance_id: z.string(), status: z.string() }))
      .parse(await (await ctx.control('GET', '/installs')).json());
    const active = installs.find((i) => i.instance_id === instances[0]!.instance_id && i.status === 'active')!;
    await ctx.control('POST', `/installs/${active.installed_app_id}/uninstall`);
    const install = await ctx.install(['data:read', 'data:write'], instances[0]!.instance_id);
    call = ctx.api(install.api_key, install.instance_id);
  });
  beforeEach(async () => {
    await ctx.control('DELETE', '/faults');
    await ctx.control('DELETE', '/calls');
  });

  it('answers the injected status for the next `count` calls, with Retry-After on 429/503', async () => {
    expect((await ctx.control('POST', '/faults', { status: 429, retry_after: 7, count: 2 })).status).toBe(201);
    const first = await call('GET', '/data/ledgers');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(await first.json()).toEqual({ error: expect.any(String) });
    const proxied = await call('GET', '/proxy/identities/idt_x');
    expect(proxied.status).toBe(429);
    expect(await proxied.json()).toMatchObject({ error_detail: { code: 'GEN_RATE_LIMITED' } });
    expect((await call('GET', '/data/ledgers')).status).toBe(200);
    await ctx.control('POST', '/faults', { status: 503, retry_after: 3, count: 1 });
    const unavailable = await call('GET', '/data/ledgers');
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '3']);
    const log = await calls();
    expect(log.map((c) => c.status)).toEqual([429, 429, 200, 503]);
    expect(log.filter((c) => c.fault)).toHaveLength(3);
    expect(log[0]).toMatchObject({ path: '/data/ledgers', query: expect.stringContaining('instance_id=') });
    expect(log.every((c) => c.installed_app_id === null || c.installed_app_id.startsWith('instapp_'))).toBe(true);
  });

  it('records each call once, alerts included', async () => {
    await call('GET', '/alerts');
    await call('GET', '/data/ledgers');
    expect((await calls()).map((c) => c.path)).toEqual(['/alerts', '/data/ledgers']);
  });

  it('never applies faults to the control API', async () => {
    await ctx.control('POST', '/faults', { status: 500 });
    expect((await ctx.control('GET', '/instances')).status).toBe(200);
    expect((await fetch(`${ctx.url}/`)).status).toBe(200);
    expect((await call('GET', '/data/ledgers')).status).toBe(500);
    const cleared = await ctx.control('DELETE', '/faults');
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect((await call('GET', '/data/ledgers')).status).toBe(200);
  });

  it('delays answers by latency_ms', async () => {
    await ctx.control('POST', '/faults', { latency_ms: 300, count: 1 });
    expect((await call('GET', '/data/ledgers')).status).toBe(200);
    const [slow] = await calls();
    expect(slow!.fault).toBe(true);
    expect(slow!.ms).toBeGreaterThanOrEqual(290);
  });

  it('resets the connection', async () => {
    await ctx.control('POST', '/faults', { reset: true, count: 1 });
    await expect(call('GET', '/data/ledgers')).rejects.toThrow();
    expect((await call('GET', '/data/ledgers')).status).toBe(200);
  });

  it('hits a deterministic share of calls with ratio', async () => {
    const run = async () => {
      await ctx.control('POST', '/reset', {});
      const install = await ctx.install(['data:read'], instances[0]!.instance_id);
      const c = ctx.api(install.api_key, install.instance_id);
      await ctx.control('POST', '/faults', { status: 500, ratio: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await c('GET', '/data/ledgers')).status);
      await ctx.control('DELETE', '/faults');
      return statuses;
    };
    const first = await run();
    const failed = first.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect(await run()).toEqual(first);
  });
});
