import type { WatchlistTopic } from '@kyc-review/contracts';
import type { DemoWatchlistEntry } from './watchlist-csv';
import { createPrng, type Prng } from '../util/prng';
import { CULTURES, TRANSLITERATIONS } from './name-parts';

// The demo watchlist: about 500 invented people, generated from name parts so that it
// is reproducible and refers to nobody real. `data/demo-watchlist.csv` is this list
// written out (see scripts/generate-watchlist.ts); a test keeps the two identical.

const WATCHLIST_SEED = 20261122;
export const WATCHLIST_SIZE = 500;

const LISTS: readonly { readonly list: string; readonly topic: WatchlistTopic; readonly weight: number }[] = [
  { list: 'Fictional Sanctions List', topic: 'sanction', weight: 0.45 },
  { list: 'Fictional PEP List', topic: 'pep', weight: 0.35 },
  { list: 'Fictional Financial Crime Register', topic: 'crime', weight: 0.12 },
  { list: 'Fictional Debarment Register', topic: 'debarment', weight: 0.08 },
];

export function variantsOf(part: string): readonly string[] {
  return TRANSLITERATIONS.find((group) => group.includes(part)) ?? [part];
}

/** Another spelling of `part` from its transliteration group, or `part` itself. */
export function otherSpelling(prng: Prng, part: string): string {
  const others = variantsOf(part).filter((v) => v !== part);
  return others.length > 0 ? prng.pick(others) : part;
}

function pickList(prng: Prng): (typeof LISTS)[number] {
  let roll = prng.next();
  for (const entry of LISTS) {
    roll -= entry.weight;
    if (roll < 0) return entry;
  }
  return LISTS[0] ?? { list: 'Fictional Sanctions List', topic: 'sanction', weight: 1 };
}

function pickDob(prng: Prng): string | null {
  const year = prng.int(1940, 1995);
  const month = String(prng.int(1, 12)).padStart(2, '0');
  const day = String(prng.int(1, 28)).padStart(2, '0');
  const roll = prng.next();
  if (roll < 0.6) return `${year}-${month}-${day}`;
  if (roll < 0.8) return String(year);
  if (roll < 0.9) return `${year}-${month}`;
  return null;
}

function aliasesFor(prng: Prng, given: string, family: string): string[] {
  const aliases = new Set<string>();
  const givenVariants = variantsOf(given).filter((v) => v !== given);
  const familyVariants = variantsOf(family).filter((v) => v !== family);
  for (const v of givenVariants.slice(0, 2)) aliases.add(`${v} ${family}`);
  for (const v of familyVariants.slice(0, 1)) aliases.add(`${given} ${v}`);
  if (prng.chance(0.3)) aliases.add(`${family}, ${given}`);
  if (prng.chance(0.15)) aliases.add(`Abu ${family.split(/[ -]/).at(-1) ?? family}`);
  return [...aliases];
}

/** The demo watchlist, generated. Stable across runs and machines. */
export function generateDemoWatchlist(): DemoWatchlistEntry[] {
  const prng = createPrng(WATCHLIST_SEED);
  const seen = new Set<string>();
  const entries: DemoWatchlistEntry[] = [];
  while (entries.length < WATCHLIST_SIZE) {
    const culture = prng.pick(CULTURES);
    const given = prng.pick(culture.given);
    const family = prng.pick(culture.family);
    // A middle initial-like second given name widens the space past the plain product.
    const middle = prng.chance(0.5) ? ` ${prng.pick(culture.given)}` : '';
    const name = `${given}${middle === ` ${given}` ? '' : middle} ${family}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const place = prng.pick(culture.countries);
    const country = prng.pick([place.country, place.nationality, place.code]);
    const { list, topic } = pickList(prng);
    entries.push({
      entry_id: `FWL-${String(entries.length + 1).padStart(4, '0')}`,
      name,
      aliases: aliasesFor(prng, given, family),
      dob: pickDob(prng),
      country: prng.chance(0.9) ? country : null,
      list,
      topic,
    });
  }
  return entries;
}
