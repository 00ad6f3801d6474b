import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorBackedApp, type EmulatorBackedApp, type InstalledSession } from '../support';
import { clearCalls, cloudCalls, errorOf, identitiesOf } from './api-helpers';

// Cloud failing in every way the emulator can inject (docs/cloud-contract.md §6.6, decision 008): the
// browser gets our mapped status and code, reads are retried, writes are not (the calls
// the emulator received are counted), and nothing of Cloud's answer leaks.

let env: EmulatorBackedApp;
let installed: InstalledSession;
let identityId = '';
beforeAll(async () => {
  // 200 ms per try keeps the timeout cases quick; retries wait 5–50 ms.
  env = await createEmulatorBackedApp({ identitiesPerInstance: 20, cloudTimeoutMs: 200 });
  installed = await env.install();
  identityId = (await identitiesOf(env, installed))[0]?.identity_id ?? '';
});
afterEach(async () => {
  await env.control('DELETE', '/faults');
});
afterAll(async () => env.close());

type Fault = { status?: number; latency_ms?: number; reset?: boolean; retry_after?: number; count?: number };

/** Injects the fault, makes the request, and returns the answer and the calls Cloud saw. */
async function underFault(fault: Fault, request: () => Promise<Response>, path: string) {
  await clearCalls(env);
  await env.control('POST', '/faults', fault);
  const res = await request();
  const calls = (await cloudCalls(env)).filter((c) => c.path === path);
  await env.control('DELETE', '/faults');
  return { res, calls };
}

const readPage = () => installed.rpc.api.identities.$get({ query: {} });
const raise = () =>
  installed.rpc.api.identities[':identityId'].alerts.$post({
    param: { identityId: identityId },
    json: { description: 'Raised under a fault' },
  });
const flagPath = () => `/alerts/flag/${identityId}`;

describe('reads (GET /api/identities → GET /data/identities)', () => {
  it.each([
    { fault: { status: 500, count: 1 }, status: 200, calls: 2 },
    { fault: { status: 500, count: 5 }, status: 502, code: 'cloud_unavailable', calls: 3 },
    { fault: { status: 503, count: 5 }, status: 503, code: 'cloud_unavailable', calls: 3 },
    { fault: { status: 429, retry_after: 0, count: 1 }, status: 200, calls: 2 },
    { fault: { latency_ms: 600, count: 5 }, status: 504, code: 'cloud_timeout', calls: 3 },
    { fault: { reset: true, count: 5 }, status: 502, code: 'cloud_unavailable', calls: 3 },
    { fault: { reset: true, count: 1 }, status: 200, calls: 2 },
  ])('$fault → $status after $calls calls', async ({ fault, status, code, calls }) => {
    const result = await underFault(fault, readPage, '/data/identities');
    expect(result.res.status).toBe(status);
    if (code !== undefined) expect((await errorOf(result.res)).code).toBe(code);
    expect(result.calls).toHaveLength(calls);
  });

  it('a 429 whose Retry-After is longer than we wait answers 429 with our own Retry-After, at once', async () => {
    const { res, calls } = await underFault({ status: 429, retry_after: 7, count: 5 }, readPage, '/data/identities');
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('7');
    expect(await errorOf(res)).toMatchObject({ code: 'cloud_rate_limited', details: { retry_after: 7 } });
    expect(calls).toHaveLength(1);
  });
});

describe('writes (POST /api/identities/:id/alerts → POST /alerts/flag/:id) are never retried blindly', () => {
  it.each([
    { fault: { status: 500, count: 5 }, status: 502, code: 'cloud_unavailable' },
    { fault: { latency_ms: 600, count: 5 }, status: 504, code: 'cloud_timeout' },
    { fault: { reset: true, count: 5 }, status: 502, code: 'cloud_unavailable' },
    { fault: { status: 503, count: 5 }, status: 503, code: 'cloud_unavailable' },
  ])('$fault → $status after exactly one call', async ({ fault, status, code }) => {
    const { res, calls } = await underFault(fault, raise, flagPath());
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(calls).toHaveLength(1);
  });

  it('a 429 with a short Retry-After is tried once more: Cloud did not process it', async () => {
    const { res, calls } = await underFault({ status: 429, retry_after: 0, count: 1 }, raise, flagPath());
    expect(res.status).toBe(201);
    expect(calls).toHaveLength(2);
  });
});

describe('what leaks', () => {
  it('no Cloud error text, header or key reaches a response body or a log line', async () => {
    const bodies: string[] = [];
    for (const fault of [
      { status: 500 },
      { status: 429, retry_after: 9 },
      { status: 503, retry_after: 9 },
      { status: 404 },
      { status: 403 },
      { reset: true },
    ]) {
      const read = await underFault({ ...fault, count: 5 }, readPage, '/data/identities');
      bodies.push(await read.res.text());
      const write = await underFault({ ...fault, count: 5 }, raise, flagPath());
      bodies.push(await write.res.text());
    }
    const everything = [...bodies, ...env.t.logs].join('\n');
    for (const cloudText of [
      'injected fault',
      'rate limit exceeded',
      'connection reset',
      installed.apiKey,
      installed.apiKey.slice(12),
    ]) {
      expect(everything).not.toContain(cloudText);
    }
    expect(bodies.every((b) => Object.keys(JSON.parse(b) as object).join() === 'error')).toBe(true);
  });
});
