import type { DemoWatchlistEntry } from './watchlist-csv';
import { CHUNK_SIZE, GeneratedIdentities, generatedIdentityId } from '../state/generated-identities';
import { emptyInstance, type InstanceData, type InstanceInfo } from '../state/instance-data';
import { createPrng, deriveSeed } from '../util/prng';
import { createSeedContext } from './context';
import { seedIdentities } from './identities';

const MINUTE_MS = 60_000;

/**
 * An instance with `count` identities built on demand (GeneratedIdentities) and nothing
 * else (no ledgers, balances, transactions or alerts): the 1M-identity bench. Each chunk
 * is a normal seed of CHUNK_SIZE identities (every scenario, weighted draws) from its own
 * stream, with ids that carry the row's position and creation times one minute apart,
 * newest `now`, so the Data API's newest-first order is the generation order.
 */
export function generatedInstance(
  seed: number,
  info: InstanceInfo,
  count: number,
  now: Date,
  watchlist: readonly DemoWatchlistEntry[],
): InstanceData {
  const data = emptyInstance(info);
  const identities = new GeneratedIdentities(count, (chunk) => {
    const ctx = createSeedContext(createPrng(deriveSeed(seed, `instance:${info.name}:chunk:${String(chunk)}`)), now);
    const { rows, secrets } = seedIdentities(ctx, CHUNK_SIZE, watchlist);
    return rows.map((row, n) => {
      const index = chunk * CHUNK_SIZE + n;
      const id = generatedIdentityId(index, row.identity_id.slice('idt_'.length));
      const values = secrets.get(row.identity_id);
      if (values !== undefined) data.secrets.set(id, values);
      return { ...row, identity_id: id, created_at: new Date(now.getTime() - index * MINUTE_MS).toISOString() };
    });
  });
  return { ...data, identities };
}
