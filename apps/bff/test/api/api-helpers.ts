import { z } from 'zod';
import type { ApiAnswer } from '../support/rpc';
import { ErrorEnvelope } from '@kyc-review/contracts';
import type { EmulatorBackedApp, InstalledSession } from '../support';

// Shared by the /api tests: what the emulator received, and Cloud's own view of the
// data (read straight from the emulator with the install's key) to compare against.

const Call = z.object({
  method: z.string(),
  path: z.string(),
  query: z.string(),
  status: z.number(),
  fault: z.boolean(),
});
export type EmulatorCall = z.infer<typeof Call>;

/** Cloud API calls the emulator received since the last `clearCalls`. */
export async function cloudCalls(env: EmulatorBackedApp): Promise<EmulatorCall[]> {
  return z.object({ data: z.array(Call) }).parse(await env.control('GET', '/calls')).data;
}

export async function clearCalls(env: EmulatorBackedApp): Promise<void> {
  await env.control('DELETE', '/calls');
}

/** A GET straight to the emulator's Cloud API with the install's key, as Cloud answers it. */
export async function direct(env: EmulatorBackedApp, installed: InstalledSession, path: string): Promise<unknown> {
  const url = new URL(path, env.emulatorUrl);
  if (!url.pathname.startsWith('/alerts')) url.searchParams.set('instance_id', installed.instanceId);
  const res = await fetch(url, { headers: { Authorization: `Bearer ${installed.apiKey}` } });
  if (!res.ok) throw new Error(`emulator ${path} answered ${res.status}`);
  return res.json();
}

export const TransactionRows = z.object({
  data: z.array(z.looseObject({ transaction_id: z.string(), created_at: z.string() })),
  total: z.number(),
});

export const Identities = z.object({
  data: z.array(
    z.looseObject({
      identity_id: z.string(),
      meta_data: z.record(z.string(), z.unknown()),
      first_name: z.string(),
      created_at: z.string(),
    }),
  ),
  total: z.number(),
});
export const Balances = z.object({
  data: z.array(z.looseObject({ balance_id: z.string(), identity_id: z.string() })),
  total: z.number(),
});

export async function identitiesOf(env: EmulatorBackedApp, installed: InstalledSession) {
  return Identities.parse(await direct(env, installed, '/data/identities?pageSize=100')).data;
}

/** The identity of this install's instance with the most APPLIED transactions. */
export async function identityWithActivity(env: EmulatorBackedApp, installed: InstalledSession): Promise<string> {
  const balances = Balances.parse(await direct(env, installed, '/data/balances?pageSize=100')).data;
  const owner = new Map(balances.filter((b) => b.identity_id !== '').map((b) => [b.balance_id, b.identity_id]));
  const txns = z
    .object({ data: z.array(z.looseObject({ source: z.string(), destination: z.string() })) })
    .parse(await direct(env, installed, '/data/transactions?status_eq=APPLIED&pageSize=100')).data;
  const counts = new Map<string, number>();
  for (const t of txns) {
    for (const end of new Set([t.source, t.destination])) {
      const id = owner.get(end);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (best === undefined) throw new Error('no identity with applied transactions in the seed');
  return best[0];
}

export async function errorOf(res: ApiAnswer) {
  return ErrorEnvelope.parse(await res.json()).error;
}
