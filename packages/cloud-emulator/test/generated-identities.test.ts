import { Identity } from '@kyc-review/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Listing, startEmulator } from './helpers';

// The 1M-identity bench's instance: identities built on demand, the same on every read,
// served by the Data API like seeded ones; writes to them are kept.

const COUNT = 1_000_000;
const ctx = await startEmulator({ generatedIdentities: COUNT });
let call: ReturnType<typeof ctx.api>;

beforeAll(async () => {
  const install = await ctx.install(['data:read', 'data:write']);
  call = ctx.api(install.api_key, install.instance_id);
});

async function list(path: string) {
  const res = await call('GET', path);
  expect(res.status, await res.clone().text()).toBe(200);
  return Listing.parse(await res.json());
}
const ids = (l: { data: Record<string, unknown>[] }) => l.data.map((r) => String(r['identity_id']));

describe('generated identities', () => {
  it('pages a million identities newest first, the same rows on every read, each a valid identity', async () => {
    const first = await list('/data/identities?pageSize=100');
    expect(first.total).toBe(COUNT);
    expect(first.data).toHaveLength(100);
    for (const row of first.data) Identity.parse(row);
    const instants = first.data.map((r) => Date.parse(String(r['created_at'])));
    expect([...instants].sort((a, b) => b - a)).toEqual(instants);
    const last = await list(`/data/identities?pageSize=100&page=${String(COUNT / 100)}`);
    expect(last.data).toHaveLength(100);
    expect(new Set([...ids(first), ...ids(last)]).size).toBe(200);
    // Far pages in between drop the first chunks from the cache; they are built again, the same.
    for (let page = 100; page < 4_000; page += 200) await list(`/data/identities?pageSize=100&page=${String(page)}`);
    expect(await list('/data/identities?pageSize=100')).toEqual(first);
  });

  it('reads one by id, keeps a write to it, and lists an identity created through the API first', async () => {
    const [, second] = ids(await list('/data/identities?pageSize=2&page=30000'));
    if (second === undefined) throw new Error('no identity on that page');
    expect((await call('GET', `/proxy/identities/${second}`)).status).toBe(200);
    expect((await call('PUT', `/proxy/identities/${second}`, { first_name: 'Changed' })).status).toBe(200);
    for (let page = 1; page < 40_000; page += 2_000) await list(`/data/identities?pageSize=100&page=${String(page)}`);
    const again = z
      .object({ first_name: z.string() })
      .parse(await (await call('GET', `/proxy/identities/${second}`)).json());
    expect(again.first_name).toBe('Changed');
    const listed = await list('/data/identities?pageSize=2&page=30000');
    expect(listed.data[1]?.['first_name']).toBe('Changed');
    expect((await call('GET', '/proxy/identities/idt_ffffffff-0000-4000-8000-000000000000')).status).toBe(404);

    const created = await call('POST', '/proxy/identities', {
      identity_type: 'individual',
      first_name: 'New',
      last_name: 'Person',
      email_address: 'new.person@example.test',
    });
    expect(created.status, await created.clone().text()).toBeLessThan(300);
    const now = await list('/data/identities?pageSize=1');
    expect(now.total).toBe(COUNT + 1);
    expect(now.data[0]?.['first_name']).toBe('New');
  });
});
