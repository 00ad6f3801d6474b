import type { DemoWatchlistEntry } from './watchlist-csv';
import { CHUNK_SIZE, GeneratedIdentities, generatedIdentityId } from '../state/generated-identities';
import { emptyInstance, type InstanceData, type InstanceInfo } from '../state/instance-data';
import { createPrng, deriveSeed } from '../util/prng';
import type { Prng } from '../util/prng';
import { createSeedContext } from './context';
import { DEMO_MIX, seedIdentities, type SeedMix } from './identities';
import { PLAIN_FAMILY } from './name-parts';

const MINUTE_MS = 60_000;
/** Running numbers per chunk: far more than a chunk draws, so generated emails never meet across chunks. */
const NUMBERS_PER_CHUNK = 10_000;

/**
 * The chunks after the first draw like a customer base, not a demo (decision 019): no
 * coverage pass (it would repeat the same watchlist near matches, name and birth date
 * included, in every chunk), near matches of the watchlist at a quarter of the demo's
 * weight, the three duplicate scenarios at a third, and emails numbered apart per chunk.
 * Keys are then shared by pairs and triples, as in real data, by a few percent of the
 * identities (the generated-identities test measures the share).
 */
function bulkMix(chunk: number): SeedMix {
  return {
    firstNumber: chunk * NUMBERS_PER_CHUNK,
    coverage: false,
    weights: { watchlist: 1, duplicateEmail: 1 / 3, duplicatePhone: 1 / 3, duplicateNameDob: 1 / 3 },
  };
}

/**
 * Family names of a bulk chunk: mostly double-barrelled, so first name + family name + birth
 * date (the duplicates' third key) is shared by chance about as often as in a real base of
 * a million, not by one identity in ten (20 × 20 names alone would).
 */
const bulkFamilyName = (prng: Prng): string =>
  prng.chance(0.9) ? `${prng.pick(PLAIN_FAMILY)}-${prng.pick(PLAIN_FAMILY)}` : prng.pick(PLAIN_FAMILY);

/**
 * An instance with `count` identities built on demand (GeneratedIdentities) and nothing
 * else (no ledgers, balances, transactions or alerts): the 1M-identity bench. Chunk 0 is a
 * normal seed of CHUNK_SIZE identities (every scenario, weighted draws), the others a bulk
 * mix (`bulkMix`), each from its own stream, with ids that carry the row's position and creation times one minute apart,
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
    const prng = createPrng(deriveSeed(seed, `instance:${info.name}:chunk:${String(chunk)}`));
    const bulk = chunk > 0;
    const ctx = createSeedContext(prng, now, bulk ? { familyName: bulkFamilyName } : {});
    const { rows, secrets } = seedIdentities(ctx, CHUNK_SIZE, watchlist, bulk ? bulkMix(chunk) : DEMO_MIX);
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
