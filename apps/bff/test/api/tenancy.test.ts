import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../support/rpc';
import { z } from 'zod';
import { IdentityListDto } from '@kyc-review/contracts';
import { createEmulatorBackedApp, type EmulatorBackedApp, type InstalledSession } from '../support';
import { identitiesOf, identityWithActivity } from './api-helpers';

// Tenancy (docs/cloud-contract.md §8, decision 009): install A's session asking for install B's records
// (B on the other instance) gets the same 404 as for an id that exists nowhere, and
// nothing of B in the body. The tenant comes only from the session.

const AlertRows = z.object({
  data: z.array(z.looseObject({ anomaly_id: z.string(), status: z.string(), description: z.string() })),
});
const NEVER_EXISTED = 'idt_00000000-0000-4000-8000-000000000000';

let env: EmulatorBackedApp;
let a: InstalledSession;
let b: InstalledSession;
let bIdentity = '';
let bAlert = '';
let bSecrets: string[] = [];

beforeAll(async () => {
  env = await createEmulatorBackedApp({ identitiesPerInstance: 30 });
  const [first, second] = await env.instances();
  if (first === undefined || second === undefined) throw new Error('the emulator has two instances');
  a = await env.install(undefined, { instanceId: first.instance_id });
  b = await env.install(undefined, { instanceId: second.instance_id });
  expect(a.instanceId).not.toBe(b.instanceId);
  bIdentity = await identityWithActivity(env, b);
  const raised = await b.rpc.api.identities[':identityId'].alerts.$post({
    param: { identityId: bIdentity },
    json: { title: 'B only', description: 'Belongs to install B' },
  });
  bAlert = z.object({ anomaly_id: z.string() }).parse(await raised.json()).anomaly_id;
  const record = (await identitiesOf(env, b)).find((i) => i.identity_id === bIdentity);
  bSecrets = [
    bIdentity,
    bAlert,
    'Belongs to install B',
    ...[record?.['email_address'], record?.['last_name']].map(String).filter((v) => v.length > 3),
  ];
});
afterAll(async () => env.close());

async function expectNotFound(res: ApiAnswer) {
  expect(res.status).toBe(404);
  const text = await res.text();
  for (const secret of bSecrets) expect(text).not.toContain(secret);
  expect(JSON.parse(text)).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  return text;
}

describe("install A asking for install B's records", () => {
  it('identity, balances and transactions: the same 404 as an id that never existed', async () => {
    const foreign = await expectNotFound(
      await a.rpc.api.identities[':identityId'].$get({ param: { identityId: bIdentity } }),
    );
    const never = await a.rpc.api.identities[':identityId'].$get({ param: { identityId: NEVER_EXISTED } });
    expect(await never.text()).toBe(foreign.replace(bIdentity, NEVER_EXISTED));
    await expectNotFound(await a.rpc.api.identities[':identityId'].balances.$get({ param: { identityId: bIdentity } }));
    await expectNotFound(
      await a.rpc.api.identities[':identityId'].transactions.$get({ param: { identityId: bIdentity }, query: {} }),
    );
    // B itself reads them.
    expect(
      (await b.rpc.api.identities[':identityId'].transactions.$get({ param: { identityId: bIdentity }, query: {} }))
        .status,
    ).toBe(200);
  });

  it('alerts: by identity, by id, update and raise are 404 and change nothing of B', async () => {
    await expectNotFound(
      await a.rpc.api.alerts.$get({ query: Object.fromEntries(new URLSearchParams(`identity_id=${bIdentity}`)) }),
    );
    await expectNotFound(await a.rpc.api.alerts[':alertId'].$get({ param: { alertId: bAlert } }));
    await expectNotFound(
      await a.rpc.api.alerts[':alertId'].$patch({
        param: { alertId: bAlert },
        json: { status: 'RESOLVED', description: 'A was here' },
      }),
    );
    await expectNotFound(
      await a.rpc.api.identities[':identityId'].alerts.$post({
        param: { identityId: bIdentity },
        json: { description: 'A was here' },
      }),
    );

    const onB = AlertRows.parse(await env.control('GET', `/alerts?identity_id=${bIdentity}`)).data;
    expect(onB.find((alert) => alert.anomaly_id === bAlert)).toMatchObject({
      status: 'FLAGGED',
      description: 'Belongs to install B',
    });
    expect(onB.some((alert) => alert.description === 'A was here')).toBe(false);
  });

  it("A's lists never hold B's records", async () => {
    const mine = IdentityListDto.parse(
      await (
        await a.rpc.api.identities.$get({ query: Object.fromEntries(new URLSearchParams(`pageSize=100`)) })
      ).json(),
    );
    expect(mine.items.map((i) => i.identity_id)).not.toContain(bIdentity);
    expect(mine.total).toBe((await identitiesOf(env, a)).length);
    const alerts = await (
      await a.rpc.api.alerts.$get({ query: Object.fromEntries(new URLSearchParams(`pageSize=100`)) })
    ).text();
    expect(alerts).not.toContain(bAlert);
    expect(alerts).not.toContain(bIdentity);
  });
});
