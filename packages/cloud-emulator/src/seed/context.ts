import type { Prng } from '../util/prng';
import { PLAIN_FAMILY } from './name-parts';

/** What every seed builder draws from: one PRNG, a fixed "now", and id minting. */
export interface SeedContext {
  readonly prng: Prng;
  readonly now: Date;
  /** A prefixed, UUID-v4-shaped id from the PRNG (docs/cloud-contract.md §7). */
  id(prefix: string): string;
  /** An RFC 3339 time between `maxDaysAgo` days ago and `minDaysAgo` days ago. */
  pastTime(maxDaysAgo: number, minDaysAgo?: number): string;
  /** An ordinary customer's family name (one of PLAIN_FAMILY unless the context says otherwise). */
  familyName(): string;
}

export type SeedContextOptions = {
  /** Draws the family names of ordinary customers (default: one of PLAIN_FAMILY). */
  readonly familyName?: (prng: Prng) => string;
};

const DAY_MS = 86_400_000;

export function createSeedContext(prng: Prng, now: Date, options: SeedContextOptions = {}): SeedContext {
  const familyName = options.familyName ?? ((p: Prng) => p.pick(PLAIN_FAMILY));
  return {
    prng,
    now,
    id: (prefix) => `${prefix}${prng.uuid()}`,
    pastTime: (maxDaysAgo, minDaysAgo = 0) => {
      const ms = now.getTime() - minDaysAgo * DAY_MS - Math.floor(prng.next() * (maxDaysAgo - minDaysAgo) * DAY_MS);
      return new Date(ms).toISOString();
    },
    familyName: () => familyName(prng),
  };
}

/** A date of birth as Core stores it: midnight UTC in RFC 3339. */
export function dobFor(now: Date, ageYears: number, prng: Prng): string {
  const year = now.getUTCFullYear() - ageYears;
  const month = prng.int(1, 12);
  const day = prng.int(1, 28);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00Z`;
}
