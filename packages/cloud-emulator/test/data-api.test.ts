import { Balance, Identity, Ledger, Transaction, listEnvelope } from '@kyc-review/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Listing, startEmulator } from './helpers';

const ctx = await startEmulator();
let call: ReturnType<typeof ctx.api>;

beforeAll(async () => {
  const install = await ctx.install(['data:read', 'data:write', 'alerts:read', 'alerts:write']);
  call = ctx.api(install.api_key, install.instance_id);
});

async function list(path: string) {
  const res = await call('GET', path);
  expect(res.status, await res.clone().text()).toBe(200);
  return Listing.parse(await res.json());
}

describe('Data API list and detail', () => {
  it('answers {data,total} newest first with default page sizes and a cap of 100', async () => {
    const identities = await list('/data/identities');
    expect(identities.data).toHaveLength(20);
    expect(identities.total).toBe(200);
    const instants = identities.data.map((r) => Date.parse(String(r['created_at'])));
    expect([...instants].sort((a, b) => b - a)).toEqual(instants);
    expect((await list('/data/ledgers')).data.length).toBeLessThanOrEqual(30);
    expect((await list('/data/transactions?pageSize=500')).data).toHaveLength(100);
    const page2 = await list('/data/identities?page=2&pageSize=5');
    expect(page2.data.map((r) => r['identity_id'])).toEqual(identities.data.slice(5, 10).map((r) => r['identity_id']));
  });

  it('switches to a smaller page cap and to ignoring page, and back (control API)', async () => {
    const ids = (l: { data: Record<string, unknown>[] }) => l.data.map((r) => r['identity_id']);
    expect(await (await ctx.control('PUT', '/data-api', { max_page_size: 50 })).json()).toEqual({
      max_page_size: 50,
      ignore_page: false,
    });
    const capped = await list('/data/identities?pageSize=100&page=2');
    expect(capped.data).toHaveLength(50);
    // Page 2 of 50 starts where the cap's page 1 ends.
    expect(ids(capped)).not.toEqual(ids(await list('/data/identities?pageSize=100&page=1')));
    const byFilter = await call('POST', '/identities/filter?pageSize=100', { filters: [] });
    expect(Listing.parse(await byFilter.json()).data).toHaveLength(50);

    await ctx.control('PUT', '/data-api', { ignore_page: true, max_page_size: null });
    expect(ids(await list('/data/identities?page=3&pageSize=10'))).toEqual(
      ids(await list('/data/identities?pageSize=10')),
    );
    expect((await ctx.control('PUT', '/data-api', { max_page_size: 0 })).status).toBe(400);
    expect((await ctx.control('PUT', '/data-api', { ignore: true })).status).toBe(400);
    await ctx.control('PUT', '/data-api', { ignore_page: false });
    expect(await (await ctx.control('GET', '/data-api')).json()).toEqual({ max_page_size: 100, ignore_page: false });
    expect((await list('/data/identities?page=2&pageSize=100')).data).toHaveLength(100);
  });

  it('writes timestamps as Core does (nanoseconds or none, Z or an offset) and meta_data null on some transactions', async () => {
    const identities = (await list('/data/identities?pageSize=100')).data.map((r) => String(r['created_at']));
    expect(identities.some((t) => /\.\d{9}\+01:00$/.test(t))).toBe(true);
    expect(identities.some((t) => /\.\d{9}Z$/.test(t))).toBe(true);
    const instants = identities.map((t) => Date.parse(t));
    expect([...instants].sort((a, b) => b - a)).toEqual(instants);
    const transactions = (await list('/data/transactions?pageSize=100')).data;
    expect(transactions.some((t) => t['meta_data'] === null)).toBe(true);
    expect(transactions.some((t) => t['meta_data'] !== null)).toBe(true);
  });

  it('returns records that parse with the contracts schemas', async () => {
    expect(
      listEnvelope(Identity).safeParse(await (await call('GET', '/data/identities?pageSize=100')).json()).success,
    ).toBe(true);
    expect(
      listEnvelope(Balance).safeParse(await (await call('GET', '/data/balances?pageSize=100')).json()).success,
    ).toBe(true);
    expect(
      listEnvelope(Transaction).safeParse(await (await call('GET', '/data/transactions?pageSize=100')).json()).success,
    ).toBe(true);
    expect(listEnvelope(Ledger).safeParse(await (await call('GET', '/data/ledgers')).json()).success).toBe(true);
  });

  it('answers a bare record for detail and 404 {error} for an unknown id', async () => {
    const first = (await list('/data/identities?pageSize=1')).data[0]!;
    const res = await call('GET', `/data/identities/${String(first['identity_id'])}`);
    expect(Identity.parse(await res.json()).identity_id).toBe(first['identity_id']);
    const missing = await call('GET', '/data/identities/idt_00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.any(String) });
  });
});

describe('Data API filters', () => {
  it('supports eq, ne and in on text fields', async () => {
    const approved = await list('/data/identities?identity_type_eq=organization&pageSize=100');
    expect(approved.total).toBeGreaterThan(0);
    expect(approved.data.every((r) => r['identity_type'] === 'organization')).toBe(true);
    const others = await list('/data/identities?identity_type_ne=organization&pageSize=100');
    expect(approved.total + others.total).toBe(200);
    const inList = await list('/data/transactions?status_in=APPLIED,REJECTED&pageSize=100');
    expect(inList.data.every((r) => r['status'] === 'APPLIED' || r['status'] === 'REJECTED')).toBe(true);
  });

  it('supports lt and lte on balances, with isnull/isnotnull on plain fields', async () => {
    const negative = await list('/data/balances?balance_lt=0&pageSize=100');
    expect(negative.total).toBeGreaterThan(0); // the @World balances
    expect(negative.data.every((b) => Number(b['balance']) < 0 && String(b['indicator']).startsWith('@World'))).toBe(
      true,
    );
    const empty = await list('/data/balances?balance_lte=0&balance_gte=0&pageSize=100');
    expect(empty.data.every((b) => b['balance'] === 0)).toBe(true);
    expect((await list('/data/identities?email_address_isnull=')).total).toBe(0); // absent strings are "", not null
    expect((await list('/data/identities?email_address_isnotnull=')).total).toBe(200);
    expect((await list('/data/identities?email_address_eq=')).total).toBeGreaterThan(0);
  });

  it('rejects unknown fields and operators with 400 {error}', async () => {
    for (const q of [
      'precise_amount_gt=1',
      'nickname_eq=x',
      'status_almost=APPLIED',
      'amount_gt=abc',
      'created_at_eq=not-a-date',
    ]) {
      const res = await call('GET', `/data/transactions?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('compares numbers numerically', async () => {
    const gt = await list('/data/transactions?amount_gt=1000&pageSize=100');
    const lte = await list('/data/transactions?amount_lte=1000&pageSize=100');
    expect(gt.total + lte.total).toBe((await list('/data/transactions')).total);
    expect(gt.data.every((r) => Number(r['amount']) > 1000)).toBe(true);
    const gte = await list('/data/transactions?amount_gte=1000&amount_lt=2000&pageSize=100');
    const between = await list('/data/transactions?amount_between=1000%7C2000&pageSize=100');
    expect(gte.data.every((r) => Number(r['amount']) >= 1000 && Number(r['amount']) < 2000)).toBe(true);
    expect(between.total).toBeGreaterThanOrEqual(gte.total);
    expect(between.data.every((r) => Number(r['amount']) >= 1000 && Number(r['amount']) <= 2000)).toBe(true);
  });

  it('matches like/ilike with SQL wildcards', async () => {
    const like = await list('/data/identities?email_address_like=%25@example.com&pageSize=100');
    expect(like.total).toBeGreaterThan(0);
    expect(like.data.every((r) => String(r['email_address']).endsWith('@example.com'))).toBe(true);
    const ilike = await list('/data/identities?email_address_ilike=%25@EXAMPLE.COM&pageSize=100');
    expect(ilike.total).toBeGreaterThan(like.total); // includes the upper-case duplicate
    const underscore = await list('/data/ledgers?name_like=General_Ledger');
    expect(underscore.data.map((r) => r['name'])).toEqual(['General Ledger']);
  });

  it('matches a date eq at the precision given', async () => {
    const one = (await list('/data/identities?pageSize=1')).data[0]!;
    const day = String(one['created_at']).slice(0, 10);
    const sameDay = await list(`/data/identities?created_at_eq=${day}&pageSize=100`);
    expect(sameDay.data.map((r) => r['identity_id'])).toContain(one['identity_id']);
    expect(sameDay.data.every((r) => String(r['created_at']).startsWith(day))).toBe(true);
    const month = await list(`/data/identities?created_at_eq=${day.slice(0, 7)}&pageSize=100`);
    expect(month.total).toBeGreaterThanOrEqual(sameDay.total);
    const exact = await list(`/data/identities?created_at_eq=${String(one['created_at'])}`);
    expect(exact.data.map((r) => r['identity_id'])).toEqual([one['identity_id']]);
    const zero = await list('/data/identities?dob_eq=0001-01-01&pageSize=100');
    expect(zero.total).toBeGreaterThan(0);
    expect(zero.data.every((r) => r['dob'] === '0001-01-01T00:00:00Z')).toBe(true);
  });

  it('filters metadata by dot path with the suffix last, and never treats reserved params as filters', async () => {
    const reviewed = await list(
      '/data/identities?meta_data.kyc_status_eq=approved&pageSize=100&sort=x&order=desc&org_id=org_1',
    );
    expect(reviewed.total).toBeGreaterThan(0);
    expect(reviewed.data.every((r) => (r['meta_data'] as Record<string, unknown>)['kyc_status'] === 'approved')).toBe(
      true,
    );
    const nested = await list('/data/identities?meta_data.preferences.newsletter_eq=true&pageSize=100');
    expect(
      nested.data.every((r) => (r['meta_data'] as { preferences: { newsletter: boolean } }).preferences.newsletter),
    ).toBe(true);
    const scored = await list('/data/identities?meta_data.kyc_risk_score_gte=60&pageSize=100');
    expect(scored.data.every((r) => Number((r['meta_data'] as Record<string, unknown>)['kyc_risk_score']) >= 60)).toBe(
      true,
    );
    const missing = await list('/data/identities?meta_data.kyc_status_isnull=&pageSize=1');
    const present = await list('/data/identities?meta_data.kyc_status_isnotnull=&pageSize=1');
    expect(missing.total + present.total).toBe(200);
  });

  it('matches balance_id on transactions against source or destination', async () => {
    const balance = (await list('/data/balances?identity_id_ne=&pageSize=100')).data.find(
      (b) => Number(b['credit_balance']) > 0,
    )!;
    const id = String(balance['balance_id']);
    const txns = await list(`/data/transactions?balance_id_eq=${id}&pageSize=100`);
    expect(txns.total).toBeGreaterThan(0);
    expect(txns.data.every((t) => t['source'] === id || t['destination'] === id)).toBe(true);
    const applied = await list(`/data/transactions?balance_id_eq=${id}&status_eq=APPLIED&pageSize=100`);
    expect(applied.data.every((t) => t['status'] === 'APPLIED' && t['parent_transaction'] !== '')).toBe(true);
  });
});
