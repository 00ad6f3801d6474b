import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EmulatorBackedApp, InstalledSession } from '../support/emulator-app';
import { createReviewEnv, installSynced, queue } from './support/review-env';

// The sync against a Cloud that pages differently from what the docs suggest (contract
// §6.2): a smaller page cap, a `page` it ignores, and a record it cannot read.

let env: EmulatorBackedApp | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const Calls = z.object({ data: z.array(z.object({ method: z.string(), path: z.string(), query: z.string() })) });

async function identityListCalls(e: EmulatorBackedApp): Promise<string[]> {
  const { data } = Calls.parse(await e.control('GET', '/calls'));
  return data.filter((c) => c.method === 'GET' && c.path === '/data/identities').map((c) => c.query);
}

async function resync(e: EmulatorBackedApp, installed: InstalledSession): Promise<void> {
  const res = await installed.api('/api/cases/refresh', { method: 'POST' });
  expect(res.status).toBe(202);
  await e.t.services.review.sync.idle(installed.installedAppId);
}

const syncState = (e: EmulatorBackedApp, installed: InstalledSession) =>
  e.t.services.review.kyc.mirror.syncState(installed.installedAppId);

describe('sync paging', { timeout: 30_000 }, () => {
  it('reads all 202 identities from a Cloud that caps pages at 50, asking for 50 once it sees the cap', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 202 });
    await env.control('PUT', '/data-api', { max_page_size: 50 });
    const installed = await installSynced(env);
    const page = await queue(installed, '?pageSize=100');
    expect(page.total).toBe(202);
    expect(page).toMatchObject({ unreadable_identities: 0, sync_error: null });
    const calls = await identityListCalls(env);
    expect(calls).toHaveLength(5);
    expect(calls[0]).toContain('pageSize=100');
    expect(calls.slice(1).every((q) => q.includes('pageSize=50'))).toBe(true);
  });

  it('stops after two calls when Cloud ignores page, says the listing was incomplete, and unlists nobody', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 202 });
    const installed = await installSynced(env);
    expect((await queue(installed, '?pageSize=1')).total).toBe(202);

    await env.control('DELETE', '/calls');
    await env.control('PUT', '/data-api', { ignore_page: true });
    await resync(env, installed);
    expect(await identityListCalls(env)).toHaveLength(2);
    const after = await queue(installed, '?pageSize=1');
    // An incomplete pass is no proof that an identity is gone.
    expect(after.total).toBe(202);
    expect(after.sync_error).toBe('incomplete_listing');
    expect(syncState(env, installed)).toMatchObject({ lastError: 'incomplete_listing' });

    // Cloud behaves again: the next sync is complete and the error clears.
    await env.control('PUT', '/data-api', { ignore_page: false });
    await resync(env, installed);
    expect(await queue(installed, '?pageSize=1')).toMatchObject({ total: 202, sync_error: null });
  });

  it('keeps every identity listed and names the error when a sync fails', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 130 });
    const installed = await installSynced(env);
    await env.control('POST', '/faults', { status: 503, count: 3 });
    await resync(env, installed);
    expect((await queue(installed, '?pageSize=1')).total).toBe(130);
    expect(syncState(env, installed)?.lastError).toBe('cloud_unavailable');
  });
});

describe('an identity that cannot be read', { timeout: 30_000 }, () => {
  async function createDeepIdentity(e: EmulatorBackedApp, installed: InstalledSession): Promise<string> {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 2_500; i++) deep = { nested: deep };
    const res = await fetch(`${e.emulatorUrl}/proxy/identities?instance_id=${installed.instanceId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${installed.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        identity_type: 'individual',
        first_name: 'Deep',
        last_name: 'Nest',
        meta_data: { other_app: deep },
      }),
    });
    expect(res.status).toBe(201);
    return z.object({ identity_id: z.string() }).parse(await res.json()).identity_id;
  }

  it('is skipped, logged and counted; every other identity syncs and its case answers 502, not 500', async () => {
    env = await createReviewEnv({ identitiesPerInstance: 40 });
    const installed = await env.install();
    const deepId = await createDeepIdentity(env, installed);
    expect((await installed.api('/api/cases')).status).toBe(200);
    await env.t.services.review.sync.idle(installed.installedAppId);

    const page = await queue(installed, '?pageSize=100');
    expect(page.total).toBe(40);
    expect(page.items.map((i) => i.identity_id)).not.toContain(deepId);
    expect(page).toMatchObject({ unreadable_identities: 1, sync_error: null });
    const warning = env.t.logs.find((l) => l.includes('identity sync skipped records it could not read'));
    expect(warning).toContain(deepId);
    expect(warning).not.toContain('nested');

    const open = await installed.api(`/api/cases/${deepId}`);
    expect(open.status).toBe(502);
    expect(await open.json()).toMatchObject({ error: { code: 'cloud_bad_response' } });

    // Another app fixes its metadata: the next sync reads the identity and the count clears.
    const fixed = await fetch(`${env.emulatorUrl}/proxy/${deepId}/metadata?instance_id=${installed.instanceId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${installed.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ meta_data: { other_app: { shallow: true } } }),
    });
    expect(fixed.status).toBe(200);
    await resync(env, installed);
    expect(await queue(installed, '?pageSize=100')).toMatchObject({ total: 41, unreadable_identities: 0 });
  });
});
