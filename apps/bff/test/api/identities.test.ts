import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BalanceListDto, IdentityDto, IdentityListDto, TransactionListDto } from '@kyc-review/contracts';
import { createEmulatorBackedApp, type EmulatorBackedApp, type InstalledSession } from '../support';
import { Balances, direct, errorOf, identitiesOf, identityWithActivity, TransactionRows } from './api-helpers';

// The identity reads the SPA makes, against the emulator's seeded instance: what the BFF
// answers is compared with what Cloud itself holds for the same install.

let env: EmulatorBackedApp;
let installed: InstalledSession;
beforeAll(async () => {
  env = await createEmulatorBackedApp({ identitiesPerInstance: 60 });
  installed = await env.install(['data:read']);
});
afterAll(async () => env.close());

async function list(query: string) {
  const res = await installed.rpc.api.identities.$get({ query: Object.fromEntries(new URLSearchParams(query)) });
  expect(res.status).toBe(200);
  return IdentityListDto.parse(await res.json());
}

describe('GET /api/identities', () => {
  it('pages newest first with the total, and ascending is the same set reversed', async () => {
    const first = await list('?pageSize=25');
    expect(first).toMatchObject({ page: 1, pageSize: 25, total: 60 });
    const pages = [first, await list('?pageSize=25&page=2'), await list('?pageSize=25&page=3')];
    const desc = pages.flatMap((p) => p.items.map((i) => i.identity_id));
    expect(desc).toHaveLength(60);
    expect(new Set(desc).size).toBe(60);
    const times = pages.flatMap((p) => p.items.map((i) => i.created_at));
    expect([...times].sort().reverse()).toEqual(times);

    const ascPages = [1, 2, 3].map((page) => list(`?pageSize=25&page=${page}&sort=created_at_asc`));
    const asc = (await Promise.all(ascPages)).flatMap((p) => p.items.map((i) => i.identity_id));
    expect(asc).toEqual([...desc].reverse());
    expect((await list('?page=9')).items).toEqual([]);
  });

  it('searches by name part, full name, organization and email', async () => {
    const all = await identitiesOf(env, installed);
    const person = all.find(
      (i) => i['identity_type'] === 'individual' && !i.first_name.startsWith('FPT:') && i.first_name !== '',
    );
    const org = all.find((i) => i['identity_type'] === 'organization');
    if (person === undefined || org === undefined) throw new Error('seed lacks a person or an organization');
    const last = String(person['last_name']);
    const email = String(person['email_address']);

    const byLast = await list(`?q=${encodeURIComponent(last.toUpperCase())}`);
    expect(byLast.items.map((i) => i.identity_id)).toContain(person.identity_id);
    expect(
      byLast.items.every((i) =>
        `${i.first_name} ${i.last_name} ${i.organization_name} ${i.email_address}`
          .toLowerCase()
          .includes(last.toLowerCase()),
      ),
    ).toBe(true);
    const byFull = await list(`?q=${encodeURIComponent(`${person.first_name} ${last}`)}`);
    expect(byFull.items.map((i) => i.identity_id)).toContain(person.identity_id);
    const byEmail = await list(`?q=${encodeURIComponent(email)}`);
    expect(byEmail.items.map((i) => i.identity_id)).toEqual([person.identity_id]);
    const byOrg = await list(`?q=${encodeURIComponent(String(org['organization_name']).slice(0, 6))}`);
    expect(byOrg.items.map((i) => i.identity_id)).toContain(org.identity_id);
    expect((await list('?q=zzzz-nobody-zzzz')).total).toBe(0);
  });

  it('filters by country, type, KYC status (never reviewed included) and created range', async () => {
    const all = await identitiesOf(env, installed);
    const status = (i: (typeof all)[number]) => i.meta_data['kyc_status'];

    const never = await list('?kyc_status=never_reviewed&pageSize=100');
    expect(never.total).toBe(all.filter((i) => status(i) === undefined).length);
    expect(never.items.every((i) => i.meta_data['kyc_status'] === undefined)).toBe(true);
    const approved = await list('?kyc_status=approved&pageSize=100');
    expect(approved.total).toBe(all.filter((i) => status(i) === 'approved').length);

    const orgs = await list('?identity_type=organization&pageSize=100');
    expect(orgs.total).toBe(all.filter((i) => i['identity_type'] === 'organization').length);
    expect(orgs.items.every((i) => i.identity_type === 'organization')).toBe(true);

    const canada = await list('?country=canada&pageSize=100');
    expect(canada.total).toBe(all.filter((i) => String(i['country']).toLowerCase() === 'canada').length);

    const day = all[10]?.created_at.slice(0, 10) ?? '';
    const ranged = await list(`?created_from=${day}&created_to=${day}&pageSize=100`);
    expect(ranged.total).toBe(all.filter((i) => i.created_at.startsWith(day)).length);
    expect(ranged.total).toBeGreaterThan(0);
  });

  it('refuses a bad query with the fields named, before calling Cloud', async () => {
    const res = await installed.rpc.api.identities.$get({
      query: Object.fromEntries(new URLSearchParams(`pageSize=500&kyc_status=maybe`)),
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/pageSize/);
    expect(error.message).toMatch(/kyc_status/);
  });
});

describe('GET /api/identities/:identityId', () => {
  it('answers the identity with tokenized fields flagged and an unset dob as null', async () => {
    const all = await identitiesOf(env, installed);
    const tokenized = all.find((i) => i.meta_data['seed_case'] === 'tokenized');
    const noDob = all.find((i) => i['dob'] === '0001-01-01T00:00:00Z');
    if (tokenized === undefined || noDob === undefined)
      throw new Error('seed lacks a tokenized identity or a missing dob');

    const dto = IdentityDto.parse(
      await (
        await installed.rpc.api.identities[':identityId'].$get({ param: { identityId: tokenized.identity_id } })
      ).json(),
    );
    expect(dto.identity_id).toBe(tokenized.identity_id);
    expect(dto.tokenized_fields).toContain('first_name');
    expect(dto.tokenized_fields).toContain('email_address');
    expect(dto.first_name.startsWith('FPT:')).toBe(true);
    expect(dto.tokenized_fields).not.toContain('last_name');

    const missing = IdentityDto.parse(
      await (
        await installed.rpc.api.identities[':identityId'].$get({ param: { identityId: noDob.identity_id } })
      ).json(),
    );
    expect(missing.dob).toBeNull();
    expect(missing.tokenized_fields).toEqual([]);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await installed.api('/api/identities/idt_00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('not_found');
    const malformed = await installed.api('/api/identities/not-an-id');
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('validation_failed');
  });
});

describe('balances and transactions of an identity', () => {
  it('lists the balances linked to the identity, amounts as strings, with precision', async () => {
    const id = await identityWithActivity(env, installed);
    const res = await installed.rpc.api.identities[':identityId'].balances.$get({ param: { identityId: id } });
    expect(res.status).toBe(200);
    const dto = BalanceListDto.parse(await res.json());
    const cloud = Balances.parse(await direct(env, installed, `/data/balances?identity_id_eq=${id}&pageSize=100`));
    expect(dto.total).toBe(cloud.total);
    expect(dto.items.map((b) => b.balance_id).sort()).toEqual(cloud.data.map((b) => b.balance_id).sort());
    expect(dto.items.every((b) => b.identity_id === id && /^-?\d+$/.test(b.balance))).toBe(true);
    expect(dto.items.some((b) => b.precision !== null)).toBe(true);
  });

  it('lists only APPLIED transactions of those balances, newest first, paginated', async () => {
    const id = await identityWithActivity(env, installed);
    const balances = Balances.parse(await direct(env, installed, `/data/balances?identity_id_eq=${id}&pageSize=100`));
    const ids = balances.data.map((b) => b.balance_id).join(',');
    const cloud = TransactionRows.parse(
      await direct(env, installed, `/data/transactions?balance_id_in=${ids}&status_eq=APPLIED&pageSize=100`),
    );
    expect(cloud.total).toBeGreaterThan(1);

    const first = TransactionListDto.parse(
      await (
        await installed.rpc.api.identities[':identityId'].transactions.$get({
          param: { identityId: id },
          query: Object.fromEntries(new URLSearchParams(`pageSize=1`)),
        })
      ).json(),
    );
    const second = TransactionListDto.parse(
      await (
        await installed.rpc.api.identities[':identityId'].transactions.$get({
          param: { identityId: id },
          query: Object.fromEntries(new URLSearchParams(`pageSize=1&page=2`)),
        })
      ).json(),
    );
    expect(first.total).toBe(cloud.total);
    const all = TransactionListDto.parse(
      await (
        await installed.rpc.api.identities[':identityId'].transactions.$get({
          param: { identityId: id },
          query: Object.fromEntries(new URLSearchParams(`pageSize=100`)),
        })
      ).json(),
    );
    expect(all.items.every((t) => t.status === 'APPLIED')).toBe(true);
    expect(all.items.map((t) => t.transaction_id).sort()).toEqual(cloud.data.map((t) => t.transaction_id).sort());
    const times = all.items.map((t) => t.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect([first.items[0]?.transaction_id, second.items[0]?.transaction_id]).toEqual(
      all.items.slice(0, 2).map((t) => t.transaction_id),
    );
  });
});
