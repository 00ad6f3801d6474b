import { WatchlistEntry } from '@kyc-review/contracts';

/** A watchlist entry for tests: a person on "Demo sanctions" unless overridden. */
export function makeEntry(overrides: Partial<WatchlistEntry> = {}): WatchlistEntry {
  return WatchlistEntry.parse({
    entry_id: 'wle_1',
    name: 'Ivan Petrov',
    entry_type: 'unknown',
    aliases: [],
    dobs: [],
    nationalities: [],
    countries: [],
    list: 'Demo sanctions',
    topic: 'sanction',
    source: null,
    programmes: [],
    ...overrides,
  });
}

/** Strong aliases from names. */
export const strong = (...names: string[]) => names.map((name) => ({ name, kind: 'strong' as const }));
