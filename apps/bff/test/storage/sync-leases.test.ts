import { describe, expect, it } from 'vitest';
import { createSyncLeaseRepository } from '../../src/db/sync-lease-repository';
import { createLogger } from '../../src/logging/logger';
import { createSyncLease, SYNC_LEASE_MS } from '../../src/services/sync-lease';
import { ENGINES } from '../support/storage-engines';
import { AT, INSTALL_ID, NOW_MS, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

// One install's background sync on one replica at a time (decision 022): the lease row on
// both engines, and the service that holds it around a job.

const until = NOW_MS + SYNC_LEASE_MS;
const logger = createLogger({ level: 'error', sink: () => undefined });

describe.each(ENGINES)('the per-install sync lease on $name', (engine) => {
  const { storage } = useStorage(engine);

  it('one holder at a time: the others see who holds it; only the holder renews or releases it', async () => {
    const { syncLeases } = storage();
    expect(await syncLeases.holder(INSTALL_ID, NOW_MS)).toBeNull();
    expect(await syncLeases.acquire(INSTALL_ID, 'replica-a', NOW_MS, until, AT)).toBe(true);
    expect(await syncLeases.acquire(INSTALL_ID, 'replica-b', NOW_MS, until, AT)).toBe(false);
    // Per install: another install's lease is free.
    expect(await syncLeases.acquire(OTHER_INSTALL_ID, 'replica-b', NOW_MS, until, AT)).toBe(true);
    // The holder asking again keeps it (a renewal by acquisition).
    expect(await syncLeases.acquire(INSTALL_ID, 'replica-a', NOW_MS + 1, until + 1, AT)).toBe(true);
    expect(await syncLeases.holder(INSTALL_ID, NOW_MS)).toEqual({
      holder: 'replica-a',
      leaseUntil: until + 1,
      acquiredAt: AT,
    });
    expect(await syncLeases.renew(INSTALL_ID, 'replica-b', until + 5)).toBe(false);
    expect(await syncLeases.renew(INSTALL_ID, 'replica-a', until + 5)).toBe(true);
    await syncLeases.release(INSTALL_ID, 'replica-b');
    expect((await syncLeases.holder(INSTALL_ID, NOW_MS))?.holder).toBe('replica-a');
    await syncLeases.release(INSTALL_ID, 'replica-a');
    expect(await syncLeases.holder(INSTALL_ID, NOW_MS)).toBeNull();
    expect(await syncLeases.acquire(INSTALL_ID, 'replica-b', NOW_MS, until, AT)).toBe(true);
  });

  it('a holder that stopped (killed mid-sync) loses the lease when it runs out; then it cannot renew', async () => {
    const { syncLeases } = storage();
    await syncLeases.acquire(INSTALL_ID, 'killed', NOW_MS, until, AT);
    expect(await syncLeases.acquire(INSTALL_ID, 'next', until - 1, until + SYNC_LEASE_MS, AT)).toBe(false);
    expect(await syncLeases.holder(INSTALL_ID, until)).toBeNull();
    expect(await syncLeases.acquire(INSTALL_ID, 'next', until, until + SYNC_LEASE_MS, AT)).toBe(true);
    expect(await syncLeases.renew(INSTALL_ID, 'killed', until + 2 * SYNC_LEASE_MS)).toBe(false);
    expect((await syncLeases.holder(INSTALL_ID, until))?.holder).toBe('next');
  });

  it('the service runs a job only while it holds the lease, and releases it even when the job fails', async () => {
    const { syncLeases } = storage();
    const clock = { now: () => new Date(NOW_MS) };
    const a = createSyncLease({ leases: syncLeases, clock, logger, holder: 'replica-a' });
    const b = createSyncLease({ leases: syncLeases, clock, logger, holder: 'replica-b' });
    const ran = await a.ifFree(INSTALL_ID, async () => {
      expect((await syncLeases.holder(INSTALL_ID, NOW_MS))?.holder).toBe('replica-a');
      // Meanwhile the other replica neither syncs nor waits.
      expect(await b.ifFree(INSTALL_ID, () => Promise.resolve('twice'))).toEqual({ ran: false });
      return 'synced';
    });
    expect(ran).toEqual({ ran: true, value: 'synced' });
    expect(await syncLeases.holder(INSTALL_ID, NOW_MS)).toBeNull();
    await expect(a.ifFree(INSTALL_ID, () => Promise.reject(new Error('Cloud went away')))).rejects.toThrow(
      'Cloud went away',
    );
    expect(await syncLeases.holder(INSTALL_ID, NOW_MS)).toBeNull();
  });

  it('a re-assessment that must run waits for the other replica’s job, then runs', async () => {
    const { syncLeases } = storage();
    const clock = { now: () => new Date(NOW_MS) };
    const a = createSyncLease({ leases: syncLeases, clock, logger, holder: 'replica-a' });
    const b = createSyncLease({ leases: syncLeases, clock, logger, holder: 'replica-b' });
    const order: string[] = [];
    let finishSync: () => void = () => undefined;
    const syncing = a.ifFree(INSTALL_ID, async () => {
      order.push('sync started');
      await new Promise<void>((resolve) => (finishSync = resolve));
      order.push('sync finished');
    });
    await expect.poll(() => order).toEqual(['sync started']);
    const reassessing = b.whenFree(INSTALL_ID, () => {
      order.push('re-assessed');
      return Promise.resolve();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual(['sync started']);
    finishSync();
    await Promise.all([syncing, reassessing]);
    expect(order).toEqual(['sync started', 'sync finished', 're-assessed']);
  });
});

describe.each(ENGINES)('two replicas asking for one install’s lease at once on $name', (engine) => {
  it('exactly one gets it', async () => {
    const { first, second, close } = await engine.openTwo();
    try {
      const [a, b] = [createSyncLeaseRepository(first), createSyncLeaseRepository(second)];
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          (n % 2 === 0 ? a : b).acquire(INSTALL_ID, `replica-${String(n)}`, NOW_MS, until, AT),
        ),
      );
      expect(answers.filter((got) => got)).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
