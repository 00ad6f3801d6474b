import { describe, expect, it } from 'vitest';
import { CaseQueueDto, RefreshStartedDto } from '@kyc-review/contracts';
import { z } from 'zod';
import { apiHeaders, type PortalSession } from '../support/lifecycle';
import { fileBackedTestbed, installInto, type Emulator, type FileApp } from './support/file-backed-app';

// Two replicas over one database (here one SQLite file; decision 022): an install's identity
// sync runs on one of them at a time, held by the lease row; the other answers the queue from
// the shared tables, reports `syncing` truthfully and starts no sync of its own. A replica
// killed mid-sync leaves its lease to run out, and then the other one syncs.

const T0 = '2026-11-22T09:00:00.000Z';
const Calls = z.object({ data: z.array(z.object({ method: z.string(), path: z.string() })) });
const testbed = fileBackedTestbed();

const queue = async (app: FileApp, session: PortalSession) => {
  const res = await app.app.request('/api/cases?page_size=100', { headers: { Cookie: session.cookie } });
  expect(res.status).toBe(200);
  return CaseQueueDto.parse(await res.json());
};
const refresh = async (app: FileApp, session: PortalSession) => {
  const res = await app.app.request('/api/cases/refresh', { method: 'POST', headers: apiHeaders(session) });
  expect(res.status).toBe(202);
  return RefreshStartedDto.parse(await res.json()).started;
};
const identityListings = async (emulator: Emulator) =>
  Calls.parse(await emulator.control('GET', '/calls')).data.filter(
    (c) => c.method === 'GET' && c.path.split('?')[0] === '/data/identities',
  ).length;

/** Replicas A and B over one file; A is installed into, and its first queue request starts a slow sync. */
async function syncingOnA(latencyMs: number, count: number) {
  const { emulator, dbPath } = await testbed.start();
  const a = testbed.app(emulator.url, dbPath, T0);
  const b = testbed.app(emulator.url, dbPath, T0);
  const installed = await installInto(emulator, a);
  const id = installed.installedAppId;
  await emulator.control('DELETE', '/calls');
  // A slow Cloud, so the sync is still running while replica B is asked.
  await emulator.control('POST', '/faults', { latency_ms: latencyMs, count });
  expect((await queue(a, installed.session)).syncing).toBe(true);
  await expect
    .poll(async () => (await b.services.repos.syncLeases.holder(id, Date.parse(T0)))?.holder)
    .toBeTypeOf('string');
  return { emulator, a, b, installed, id };
}

describe('two replicas sharing one install’s identity sync', () => {
  it('one replica syncs; the other says syncing, starts none, and serves the same session', async () => {
    const { emulator, a, b, installed, id } = await syncingOnA(400, 3);
    // The session launched on replica A works on replica B (it is in the database).
    expect((await queue(b, installed.session)).syncing).toBe(true);
    expect(await refresh(b, installed.session)).toBe(false);
    expect(b.services.review.sync.isSyncing(id)).toBe(true);

    await a.services.review.sync.idle(id);
    const onB = await queue(b, installed.session);
    expect(onB.syncing).toBe(false);
    expect(onB.total).toBe(40);
    expect(await b.services.repos.syncLeases.holder(id, Date.parse(T0))).toBeNull();
    // Cloud's identities were listed by one sync pass only (40 identities fit one page).
    expect(await identityListings(emulator)).toBe(1);
    await installed.stop();
  });

  it('a replica killed mid-sync: the other reports syncing until the lease runs out, then syncs', async () => {
    const { a, b, installed, id } = await syncingOnA(600, 1);
    // Replica A dies while Cloud is answering: its database goes away, its lease stays behind.
    a.db.close();
    await installed.stop();

    expect((await queue(b, installed.session)).syncing).toBe(true);
    expect(await refresh(b, installed.session)).toBe(false);
    // The lease (60 s) runs out on B's clock: B takes the sync over.
    b.clock.advanceSeconds(61);
    expect(await refresh(b, installed.session)).toBe(true);
    await b.services.review.sync.idle(id);
    const onB = await queue(b, installed.session);
    expect(onB.syncing).toBe(false);
    expect(onB.total).toBe(40);
  });
});
