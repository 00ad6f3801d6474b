import { Identity } from '@kyc-review/contracts';
import { z } from 'zod';
import type { SecurityEnv, Signed } from './security-env';

// Cloud's side of the records, read and written straight on the emulator with the
// install's own key (as another Cloud client would), never through the BFF under test.

async function cloudCall(
  env: SecurityEnv,
  who: Signed,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = new URL(path, env.emulatorUrl);
  if (!url.pathname.startsWith('/alerts')) url.searchParams.set('instance_id', who.instanceId);
  const res = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${who.apiKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`emulator ${method} ${url.pathname} answered ${res.status}`);
  return res.json();
}

/** The first identity of a seed scenario on the install's instance. */
export async function identityOfSeed(env: SecurityEnv, who: Signed, seedCase: string): Promise<Identity> {
  const page = z
    .object({ data: z.array(Identity) })
    .parse(await cloudCall(env, who, 'GET', `/data/identities?pageSize=100&meta_data.seed_case_eq=${seedCase}`));
  const [first] = page.data;
  if (first === undefined) throw new Error(`no identity of seed case ${seedCase}`);
  return first;
}

/** A partial update through Cloud's proxy (PUT skips empty fields, docs/cloud-contract.md §6.4). */
export async function updateIdentity(
  env: SecurityEnv,
  who: Signed,
  identityId: string,
  fields: Record<string, string>,
): Promise<void> {
  await cloudCall(env, who, 'PUT', `/proxy/identities/${identityId}`, fields);
}

const AlertRows = z.object({
  data: z.array(z.looseObject({ anomaly_id: z.string(), status: z.string(), description: z.string() })),
});

/** Every alert on an identity, across instances (the emulator's control view). */
export async function alertsOn(env: SecurityEnv, identityId: string) {
  return AlertRows.parse(await env.control('GET', `/alerts?identity_id=${identityId}`)).data;
}
