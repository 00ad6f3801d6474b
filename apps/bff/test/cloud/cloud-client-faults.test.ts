import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IdentityId } from '@kyc-review/contracts';
import {
  ALL,
  clientFor,
  startEmulator,
  type EmulatorCall,
  type TestEmulator,
  type TestInstall,
} from './emulator-harness';
import { exposed, failure, TEST_KEY } from './fixtures';

// Faults injected by the emulator (500, 503, 429 with Retry-After, latency, reset): each
// gives its mapped code, and retries happen only where they are safe, counted by the
// calls the emulator received. See docs/decisions/008-cloud-client-retries.md.

let emulator: TestEmulator;
let install: TestInstall;
let identityId: IdentityId;

beforeAll(async () => {
  emulator = await startEmulator();
  install = await emulator.install(ALL);
  const [first] = (await clientFor(emulator).client.forInstall(install).listIdentities({ pageSize: 1 })).data;
  identityId = first!.identity_id;
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clearFaults());

/** Runs `action` and returns the Cloud API calls the emulator received meanwhile. */
async function callsDuring(action: () => Promise<unknown>): Promise<EmulatorCall[]> {
  const before = (await emulator.calls()).length;
  await action();
  return (await emulator.calls()).slice(before);
}

describe('reads retry transient failures', () => {
  it('500 on every try: three tries, then cloud_unavailable 502', async () => {
    const { client, slept } = clientFor(emulator);
    await emulator.fault({ status: 500, count: 3 });
    let code = '';
    const calls = await callsDuring(async () => {
      code = (await failure(client.forInstall(install).listIdentities())).code;
    });
    expect(code).toBe('cloud_unavailable');
    expect(calls.map((c) => c.status)).toEqual([500, 500, 500]);
    expect(slept).toHaveLength(2);
  });

  it('one 500 then success: the read succeeds on its second try', async () => {
    const { client } = clientFor(emulator);
    await emulator.fault({ status: 500, count: 1 });
    const calls = await callsDuring(async () => {
      expect((await client.forInstall(install).getIdentity(identityId)).identity_id).toBe(identityId);
    });
    expect(calls.map((c) => c.status)).toEqual([500, 200]);
  });

  it('503 with Retry-After: waits what Cloud asked, then succeeds', async () => {
    const { client, slept } = clientFor(emulator);
    await emulator.fault({ status: 503, retry_after: 1, count: 1 });
    const calls = await callsDuring(() =>
      client.forInstall(install).filterIdentities({ filters: [{ field: 'meta_data.kyc_status', op: 'notexists' }] }),
    );
    expect(calls.map((c) => c.status)).toEqual([503, 200]);
    expect(slept).toEqual([1_000]);
  });

  it('429 that persists: retries honouring Retry-After, then cloud_rate_limited with retry_after', async () => {
    const { client, slept } = clientFor(emulator);
    await emulator.fault({ status: 429, retry_after: 2, count: 5 });
    let error: Awaited<ReturnType<typeof failure>> | undefined;
    const calls = await callsDuring(async () => {
      error = await failure(client.forInstall(install).listAlerts());
    });
    expect(error).toMatchObject({ code: 'cloud_rate_limited', status: 429, details: { retry_after: 2 } });
    expect(calls).toHaveLength(3);
    expect(slept).toEqual([2_000, 2_000]);
  });

  it('a Retry-After longer than we may wait is not waited for', async () => {
    const { client, slept } = clientFor(emulator);
    await emulator.fault({ status: 429, retry_after: 30, count: 1 });
    let error: Awaited<ReturnType<typeof failure>> | undefined;
    const calls = await callsDuring(async () => {
      error = await failure(client.forInstall(install).listBalances());
    });
    expect(error).toMatchObject({ code: 'cloud_rate_limited', details: { retry_after: 30 } });
    expect(calls).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('a hung Cloud: each try times out, then cloud_timeout 504', async () => {
    const { client } = clientFor(emulator, { timeoutMs: 150, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 10 } });
    await emulator.fault({ latency_ms: 1_000, count: 2 });
    let error: Awaited<ReturnType<typeof failure>> | undefined;
    const calls = await callsDuring(async () => {
      error = await failure(client.forInstall(install).listTransactions());
    });
    expect(error).toMatchObject({ code: 'cloud_timeout', status: 504 });
    expect(calls).toHaveLength(2);
  });

  it('a reset connection: retried, then cloud_unavailable 502', async () => {
    const { client } = clientFor(emulator);
    await emulator.fault({ reset: true, count: 3 });
    let code = '';
    const calls = await callsDuring(async () => {
      code = (await failure(client.forInstall(install).getTokenizedFields(identityId))).code;
    });
    expect(code).toBe('cloud_unavailable');
    expect(calls).toHaveLength(3);
  });
});

describe('writes are never retried blindly', () => {
  it('500 on a metadata write: one call, cloud_unavailable', async () => {
    const { client } = clientFor(emulator);
    await emulator.fault({ status: 500, count: 3 });
    let code = '';
    const calls = await callsDuring(async () => {
      code = (await failure(client.forInstall(install).updateIdentityMetadata(identityId, { kyc_status: 'approved' })))
        .code;
    });
    expect(code).toBe('cloud_unavailable');
    expect(calls).toHaveLength(1);
  });

  it('a timed-out flag is not repeated: exactly one alert exists afterwards', async () => {
    const { client } = clientFor(emulator, { timeoutMs: 150 });
    const before = await alertCount(identityId);
    const flagsBefore = (await emulator.calls()).filter(
      (c) => c.method === 'POST' && c.path.startsWith('/alerts/flag/'),
    ).length;
    await emulator.fault({ latency_ms: 600, count: 3 });
    let code = '';
    const calls = await callsDuring(async () => {
      code = (
        await failure(client.forInstall(install).flagAlert(identityId, { description: 'Sanctions hit confirmed' }))
      ).code;
    });
    expect(code).toBe('cloud_timeout');
    expect(calls).toHaveLength(1);
    // The emulator finishes the write after our timeout: the outcome was unknown, not failed.
    await expect.poll(() => alertCount(identityId), { timeout: 5_000, interval: 50 }).toBe(before + 1);
    expect(
      (await emulator.calls()).filter((c) => c.method === 'POST' && c.path.startsWith('/alerts/flag/')),
    ).toHaveLength(flagsBefore + 1);
  });

  it('a reset on an alert update: one call, cloud_unavailable', async () => {
    const { client } = clientFor(emulator);
    const alert = await client.forInstall(install).flagAlert(identityId, { description: 'to update' });
    await emulator.fault({ reset: true, count: 3 });
    let code = '';
    const calls = await callsDuring(async () => {
      code = (await failure(client.forInstall(install).updateAlert(alert.anomaly_id, { status: 'RESOLVED' }))).code;
    });
    expect(code).toBe('cloud_unavailable');
    expect(calls).toHaveLength(1);
  });

  it('429/503 with Retry-After means "not processed": a write gets exactly one more try', async () => {
    const { client, slept } = clientFor(emulator);
    await emulator.fault({ status: 503, retry_after: 1, count: 1 });
    const ok = await callsDuring(() =>
      client.forInstall(install).updateIdentityMetadata(identityId, { kyc_risk_level: 'low' }),
    );
    expect(ok.map((c) => c.status)).toEqual([503, 200]);
    expect(slept).toEqual([1_000]);

    await emulator.fault({ status: 429, retry_after: 1, count: 3 });
    let error: Awaited<ReturnType<typeof failure>> | undefined;
    const limited = await callsDuring(async () => {
      error = await failure(client.forInstall(install).flagAlert(identityId, { description: 'x' }));
    });
    expect(error).toMatchObject({ code: 'cloud_rate_limited', details: { retry_after: 1 } });
    expect(limited).toHaveLength(2);
  });
});

describe('the per-install concurrency cap', () => {
  it('keeps at most N calls of one install in flight, and others are not queued behind it', async () => {
    const [first, second] = await emulator.instances();
    expect(first).toBe(install.instanceId);
    const other = await emulator.install(['data:read'], second);
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    let peakTotal = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      const instance = new URL(input instanceof Request ? input.url : input).searchParams.get('instance_id') ?? '?';
      inFlight.set(instance, (inFlight.get(instance) ?? 0) + 1);
      peak.set(instance, Math.max(peak.get(instance) ?? 0, inFlight.get(instance) ?? 0));
      peakTotal = Math.max(
        peakTotal,
        [...inFlight.values()].reduce((a, b) => a + b, 0),
      );
      try {
        return await fetch(input, init);
      } finally {
        inFlight.set(instance, (inFlight.get(instance) ?? 1) - 1);
      }
    };
    const { client } = clientFor(emulator, { fetch: countingFetch, maxConcurrentPerInstall: 2 });
    await emulator.fault({ latency_ms: 200, count: 12 });
    const a = client.forInstall(install);
    const b = client.forInstall(other);
    const pages = await Promise.all([
      ...Array.from({ length: 6 }, () => a.listIdentities({ pageSize: 1 })),
      ...Array.from({ length: 6 }, () => b.listIdentities({ pageSize: 1 })),
    ]);
    expect(pages.every((p) => p.data.length === 1)).toBe(true);
    expect(peak.get(install.instanceId)).toBe(2);
    expect(peak.get(other.instanceId)).toBe(2);
    expect(peakTotal).toBe(4);
  });
});

describe('nothing secret leaks from a failure', () => {
  it('errors and log lines carry neither the key nor Cloud’s error text', async () => {
    const { client, logger } = clientFor(emulator);
    await emulator.fault({ status: 503, count: 3 });
    const error = await failure(client.forInstall(install).listIdentities());
    expect(error.code).toBe('cloud_unavailable');
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const text of [exposed(error), ...logger.lines]) {
      expect(text).not.toContain(install.key);
      expect(text).not.toContain(TEST_KEY);
      expect(text).not.toContain('injected fault');
    }
  });
});

async function alertCount(id: string): Promise<number> {
  const answer = await emulator.alertsOn(id);
  if (typeof answer !== 'object' || answer === null || !('total' in answer) || typeof answer.total !== 'number')
    throw new Error('unexpected alerts answer');
  return answer.total;
}
