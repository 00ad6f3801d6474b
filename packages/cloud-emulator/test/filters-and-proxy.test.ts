import { CoreErrorBody, Identity, TOKEN_PREFIX } from '@kyc-review/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Listing, startEmulator } from './helpers';

const ctx = await startEmulator();
let call: ReturnType<typeof ctx.api>;

beforeAll(async () => {
  const install = await ctx.install(['data:read', 'data:write']);
  call = ctx.api(install.api_key, install.instance_id);
});

const filter = async (path: string, filters: unknown[], query = '') => {
  const res = await call('POST', `${path}?pageSize=100${query}`, { filters });
  return { status: res.status, body: z.record(z.string(), z.unknown()).parse(await res.json()) };
};

describe('Filters API', () => {
  it('answers {data,total,stats}, transactions add the estimate fields, ledgers {data,total}', async () => {
    const ids = await filter('/identities/filter', [{ field: 'identity_type', operator: 'eq', value: 'individual' }]);
    expect(ids.status).toBe(200);
    expect(Object.keys(ids.body).sort()).toEqual(['data', 'stats', 'total']);
    const txns = await filter('/transactions/filter', [
      { field: 'currency', operator: 'in', values: ['USD', 'EUR'] },
      { field: 'status', operator: 'eq', value: 'APPLIED' },
    ]);
    expect(txns.body).toMatchObject({ total_is_estimate: false, total_source: 'exact', stats: {} });
    expect(
      Listing.parse(txns.body).data.every(
        (t) => ['USD', 'EUR'].includes(String(t['currency'])) && t['status'] === 'APPLIED',
      ),
    ).toBe(true);
    const ledgers = await filter('/ledger/filter', []);
    expect(Object.keys(ledgers.body).sort()).toEqual(['data', 'total']);
    const balances = await filter('/balances/filter', [
      { field: 'balance', operator: 'between', values: [0, 1000000] },
    ]);
    expect(
      Listing.parse(balances.body).data.every((b) => Number(b['balance']) >= 0 && Number(b['balance']) <= 1000000),
    ).toBe(true);
  });

  it('supports exists/notexists on metadata keys (the never-reviewed queue)', async () => {
    const never = await filter('/identities/filter', [{ field: 'meta_data.kyc_status', operator: 'notexists' }]);
    const reviewed = await filter('/identities/filter', [{ field: 'meta_data.kyc_status', operator: 'exists' }]);
    expect(Number(never.body['total']) + Number(reviewed.body['total'])).toBe(200);
    expect(Number(reviewed.body['total'])).toBeGreaterThan(0);
    expect(Listing.parse(never.body).data.every((r) => !('kyc_status' in (r['meta_data'] as object)))).toBe(true);
    const bad = await filter('/identities/filter', [{ field: 'email_address', operator: 'exists' }]);
    expect(bad.status).toBe(400);
  });

  it('rejects unknown operators and fields with 400 {error}', async () => {
    expect(
      (await filter('/identities/filter', [{ field: 'email_address', operator: 'sounds_like', value: 'x' }])).status,
    ).toBe(400);
    expect((await filter('/balances/filter', [{ field: 'first_name', operator: 'eq', value: 'x' }])).body).toEqual({
      error: expect.any(String),
    });
  });
});

const getIdentity = async (id: string) => Identity.parse(await (await call('GET', `/proxy/identities/${id}`)).json());

describe('Proxy API', () => {
  it('merges metadata shallowly at the top level and answers {meta_data}', async () => {
    const created = await call('POST', '/proxy/identities', {
      identity_type: 'individual',
      first_name: 'Ada',
      last_name: 'Quill',
      meta_data: { crm: 'x', nested: { a: 1, b: 2 } },
    });
    expect(created.status).toBe(201);
    const id = Identity.parse(await created.json()).identity_id;
    const res = await call('POST', `/proxy/${id}/metadata`, {
      meta_data: { kyc_status: 'approved', nested: { a: 9 } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ meta_data: { crm: 'x', nested: { a: 9 }, kyc_status: 'approved' } });
    const control = await (await ctx.control('GET', `/identities/${id}`)).json();
    expect(control).toMatchObject({ meta_data: { crm: 'x', kyc_status: 'approved' } });
  });

  it('answers Core errors for metadata on unknown or malformed ids', async () => {
    const missing = await call('POST', '/proxy/idt_00000000-0000-4000-8000-000000000000/metadata', {
      meta_data: { a: 1 },
    });
    expect(missing.status).toBe(404);
    expect(CoreErrorBody.parse(await missing.json()).error_detail?.code).toBe('META_ENTITY_NOT_FOUND');
    const bad = await call('POST', '/proxy/xyz_123/metadata', { meta_data: { a: 1 } });
    expect(bad.status).toBe(400);
    expect(CoreErrorBody.parse(await bad.json()).error_detail?.code).toBe('META_INVALID_ENTITY_ID');
  });

  it('updates identities partially (empty fields skipped) and replaces meta_data when sent', async () => {
    const id = Identity.parse(
      await (
        await call('POST', '/proxy/identities', {
          first_name: 'Bo',
          last_name: 'Lind',
          email_address: 'bo@example.com',
          meta_data: { keep: 1 },
        })
      ).json(),
    ).identity_id;
    const put = await call('PUT', `/proxy/identities/${id}`, { first_name: 'Bob', email_address: '' });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ message: 'Identity updated successfully' });
    expect(await getIdentity(id)).toMatchObject({
      first_name: 'Bob',
      last_name: 'Lind',
      email_address: 'bo@example.com',
      meta_data: { keep: 1 },
    });
    await call('PUT', `/proxy/identities/${id}`, { meta_data: { only: true } });
    expect((await getIdentity(id)).meta_data).toEqual({ only: true });
    const missing = await call('PUT', '/proxy/identities/idt_00000000-0000-4000-8000-000000000000', {
      first_name: 'x',
    });
    expect(CoreErrorBody.parse(await missing.json()).error_detail?.code).toBe('IDT_NOT_FOUND');
  });

  it('lists tokenized fields and detokenizes them to the real values', async () => {
    const list = Listing.parse(
      await (await call('GET', '/data/identities?meta_data.seed_case_eq=tokenized&pageSize=1')).json(),
    );
    const tokenized = Identity.parse(list.data[0]);
    expect(tokenized.first_name.startsWith(TOKEN_PREFIX)).toBe(true);
    const fields = z
      .object({ tokenized_fields: z.array(z.string()) })
      .parse(await (await call('GET', `/proxy/identities/${tokenized.identity_id}/tokenized-fields`)).json());
    expect(fields.tokenized_fields).toContain('FirstName');
    const one = z
      .object({ field: z.string(), value: z.string() })
      .parse(await (await call('GET', `/proxy/identities/${tokenized.identity_id}/detokenize/FirstName`)).json());
    expect(one.field).toBe('FirstName');
    expect(one.value.startsWith(TOKEN_PREFIX)).toBe(false);
    expect(one.value.length).toBeGreaterThan(1);
    const all = z.object({ fields: z.record(z.string(), z.string()) }).parse(
      await (
        await call('POST', `/proxy/identities/${tokenized.identity_id}/detokenize`, {
          fields: ['first_name', 'EmailAddress'],
        })
      ).json(),
    );
    expect(all.fields).toEqual({ FirstName: one.value, EmailAddress: expect.stringContaining('@') });
    const notTokenized = await call('GET', `/proxy/identities/${tokenized.identity_id}/detokenize/Street`);
    const streetTokenized = fields.tokenized_fields.includes('Street');
    expect(notTokenized.status).toBe(streetTokenized ? 200 : 400);
    const plain = ['PostCode', 'Street', 'OtherNames', 'PhoneNumber', 'LastName'].find(
      (f) => !fields.tokenized_fields.includes(f),
    );
    if (plain === undefined) throw new Error('every field is tokenized');
    const refused = await call('GET', `/proxy/identities/${tokenized.identity_id}/detokenize/${plain}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error_detail: { code: 'IDT_FIELD_NOT_TOKENIZED' } });
    const refusedBulk = await call('POST', `/proxy/identities/${tokenized.identity_id}/detokenize`, {
      fields: [plain],
    });
    expect(await refusedBulk.json()).toMatchObject({ error_detail: { code: 'IDT_FIELD_NOT_TOKENIZED' } });
  });

  it('creates ledgers, balances and transactions (QUEUED parent, APPLIED child)', async () => {
    const ledger = z
      .object({ ledger_id: z.string() })
      .parse(await (await call('POST', '/proxy/ledgers', { name: 'Test Ledger' })).json());
    const mk = async () =>
      z
        .object({ balance_id: z.string() })
        .parse(await (await call('POST', '/proxy/balances', { ledger_id: ledger.ledger_id, currency: 'USD' })).json())
        .balance_id;
    const a = await mk();
    const b = await mk();
    const world = Listing.parse(await (await call('GET', '/data/balances?indicator_eq=@WorldUSD')).json()).data[0]!;
    const fund = await call('POST', '/proxy/transactions', {
      amount: 12.5,
      precision: 100,
      reference: 'ref-test-1',
      currency: 'USD',
      source: world['balance_id'],
      destination: a,
      description: 'fund',
    });
    expect(fund.status).toBe(201);
    expect(await fund.json()).toMatchObject({ status: 'QUEUED', precise_amount: 1250, amount: 12.5 });
    const dup = await call('POST', '/proxy/transactions', {
      amount: 1,
      reference: 'ref-test-1',
      currency: 'USD',
      source: a,
      destination: b,
    });
    expect(CoreErrorBody.parse(await dup.json()).error_detail?.code).toBe('TXN_DUPLICATE_REFERENCE');
    const applied = Listing.parse(
      await (await call('GET', `/data/transactions?balance_id_eq=${a}&status_eq=APPLIED`)).json(),
    );
    expect(applied.total).toBe(1);
    expect(await (await call('GET', `/data/balances/${a}`)).json()).toMatchObject({
      balance: 1250,
      credit_balance: 1250,
    });
  });
});
