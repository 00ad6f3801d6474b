import type { DemoWatchlistEntry } from './watchlist-csv';
import type { IdentityRow } from '../state/records';
import type { SeedContext } from './context';
import { CULTURES } from './name-parts';
import { plainPerson } from './person';
import { otherSpelling } from './watchlist';

// Customers whose names sit close to a watchlist entry, in the ways real data differs
// from a list: another transliteration, a typo, swapped order, diacritics, an alias.

export const NEAR_MATCH_KINDS = [
  'exact',
  'transliteration',
  'spelling',
  'swapped',
  'diacritics',
  'alias',
  'contradicted',
] as const;
export type NearMatchKind = (typeof NEAR_MATCH_KINDS)[number];

const FAMILIES = CULTURES.flatMap((c) => c.family).sort((a, b) => b.length - a.length);

/** Splits a generated watchlist name back into given names and family name. */
export function splitName(name: string): { given: string; family: string } {
  const family = FAMILIES.find((f) => name.endsWith(` ${f}`));
  if (family) return { given: name.slice(0, name.length - family.length - 1), family };
  const at = name.lastIndexOf(' ');
  return { given: name.slice(0, at), family: name.slice(at + 1) };
}

function typo(ctx: SeedContext, word: string): string {
  const i = ctx.prng.int(1, Math.max(1, word.length - 2));
  const ch = word[i] ?? '';
  return /[aeiou]/i.test(ch) ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + ch + word.slice(i);
}

const ACCENTS: Readonly<Record<string, string>> = { a: 'á', e: 'é', o: 'ö', u: 'ü', i: 'í' };

function toggleDiacritics(word: string): string {
  const stripped = word.normalize('NFD').replace(/\p{M}/gu, '');
  if (stripped !== word) return stripped;
  return word.replace(/[aeiou]/, (v) => ACCENTS[v] ?? v);
}

function fullDob(entry: DemoWatchlistEntry): string | null {
  return entry.dob !== null && /^\d{4}-\d{2}-\d{2}$/.test(entry.dob) ? `${entry.dob}T00:00:00Z` : null;
}

export function nearMatch(ctx: SeedContext, n: number, entry: DemoWatchlistEntry, kind: NearMatchKind): IdentityRow {
  const row = plainPerson(ctx, n);
  const { given, family } = splitName(entry.name);
  const firstGiven = given.split(' ')[0] ?? given;
  let first = given;
  let last = family;
  if (kind === 'transliteration') {
    const alt = otherSpelling(ctx.prng, firstGiven);
    first = alt === firstGiven ? given : given.replace(firstGiven, alt);
    if (alt === firstGiven) last = otherSpelling(ctx.prng, family);
  } else if (kind === 'spelling') last = typo(ctx, family);
  else if (kind === 'swapped') [first, last] = [family, given];
  else if (kind === 'diacritics') [first, last] = [toggleDiacritics(given), toggleDiacritics(family)];
  else if (kind === 'alias' && entry.aliases[0] !== undefined) {
    const alias = splitName(entry.aliases[0].replace(/^(.*), (.*)$/, '$2 $1'));
    [first, last] = [alias.given, alias.family];
  }
  row.first_name = first;
  row.last_name = last;
  row.email_address = `customer${n}@example.org`;
  const dob = fullDob(entry);
  // Corroborating evidence for most; `contradicted` keeps the name but differs on dob and country.
  if (kind === 'contradicted') {
    row.dob = `${String(ctx.now.getUTCFullYear() - 24)}-06-15T00:00:00Z`;
    row.nationality = 'Canadian';
    row.country = 'Canada';
  } else {
    if (dob !== null) row.dob = dob;
    if (entry.country !== null) row.nationality = entry.country;
  }
  row.meta_data = { ...row.meta_data, seed_case: `watchlist_${kind}` };
  return row;
}
