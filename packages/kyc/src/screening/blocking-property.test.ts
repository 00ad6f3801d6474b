import type { Identity, WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { makeEntry } from '../../test/make-entry';
import { makeIdentity } from '../../test/make-identity';
import { naiveScreen, screenIdentity } from './screen-identity';
import { buildWatchlistIndex } from './index-builder';

/** mulberry32: small, fast, the same sequence everywhere. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const SYLLABLES = [
  'ab',
  'dul',
  'mo',
  'ham',
  'med',
  'ra',
  'shid',
  'iv',
  'an',
  'pe',
  'trov',
  'ser',
  'gei',
  'ka',
  'ri',
  'mi',
  'na',
  'al',
  'i',
  'o',
  'yu',
  'ss',
  'ef',
  'zh',
  'kh',
  'ou',
  'ch',
  'y',
  'ba',
  'dr',
  'din',
  'lah',
  'el',
  'son',
  'ov',
  'a',
  'e',
];
const EXTRAS = [
  'al',
  'bin',
  'Abu',
  'Abdul',
  'de',
  'van',
  'Sheikh',
  'Dr.',
  'General',
  'Mullah',
  'LLC',
  'JSC',
  'Bank',
  'Banking',
  'Trading',
  'Company',
  'Oil',
  'Russia',
  'National',
  'of',
  'Co',
  'OOO',
];
const CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'б',
  d: 'д',
  e: 'е',
  i: 'и',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  v: 'в',
  z: 'з',
};

function word(rng: Rng): string {
  const parts = 1 + rng.int(3);
  const text = Array.from({ length: parts }, () => rng.pick(SYLLABLES)).join('');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function randomName(rng: Rng): string {
  const words = Array.from({ length: 1 + rng.int(4) }, () => word(rng));
  if (rng.chance(0.25)) words.splice(rng.int(words.length + 1), 0, rng.pick(EXTRAS));
  if (rng.chance(0.05))
    return words
      .join('')
      .toUpperCase()
      .slice(0, 2 + rng.int(4));
  return words.join(rng.chance(0.1) ? '-' : ' ');
}

/** One random edit of a name: the near misses and variants blocking must not lose. */
function mutate(rng: Rng, name: string): string {
  const words = name.split(' ');
  const at = rng.int(words.length);
  const w = words[at] ?? '';
  switch (rng.int(10)) {
    case 0: // substitute a letter
      words[at] =
        w.slice(0, rng.int(w.length + 1)) +
        rng.pick(['a', 'e', 'i', 'o', 'u', 'y', 'k', 'h']) +
        w.slice(rng.int(w.length) + 1);
      break;
    case 1: // delete a letter
      words[at] = w.length > 1 ? w.slice(0, rng.int(w.length)) + w.slice(rng.int(w.length) + 1) : w;
      break;
    case 2: // insert a letter
      words[at] = w.slice(0, rng.int(w.length + 1)) + rng.pick(['a', 'h', 'e', 'l']) + w.slice(rng.int(w.length + 1));
      break;
    case 3: // drop a word
      if (words.length > 1) words.splice(at, 1);
      break;
    case 4: // add a word or an extra (title, particle, legal form, descriptor)
      words.splice(rng.int(words.length + 1), 0, rng.chance(0.5) ? word(rng) : rng.pick(EXTRAS));
      break;
    case 5: // initial
      words[at] = `${w.charAt(0)}.`;
      break;
    case 6: // join two words
      if (words.length > 1 && at + 1 < words.length) words.splice(at, 2, `${w}${(words[at + 1] ?? '').toLowerCase()}`);
      break;
    case 7: // reorder
      words.reverse();
      break;
    case 8: // Cyrillic letters for Latin ones
      words[at] = w.toLowerCase().replace(/[a-z]/g, (c) => CYRILLIC[c] ?? c);
      break;
    default: // lists' "LAST, First"
      if (words.length > 1) return `${words.at(-1) ?? ''}, ${words.slice(0, -1).join(' ')}`;
  }
  return words.join(' ');
}

const TYPES: readonly WatchlistEntryType[] = ['person', 'person', 'organization', 'unknown', 'vessel', 'aircraft'];
const DATES = ['1960', '1960-05', '1960-05-10', '1971-02-03', '1985'];
const COUNTRIES = ['RU', 'IR', 'SY', 'FR', 'US'];

function entries(rng: Rng, count: number): WatchlistEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const name = randomName(rng);
    const aliases = Array.from({ length: rng.int(3) }, () => ({
      name: rng.chance(0.6) ? mutate(rng, name) : randomName(rng),
      kind: rng.chance(0.2) ? ('weak' as const) : ('strong' as const),
    })).filter((alias) => alias.name.trim() !== '');
    return makeEntry({
      entry_id: `wle_${String(i)}`,
      name,
      entry_type: rng.pick(TYPES),
      aliases,
      dobs: rng.chance(0.5) ? [rng.pick(DATES), ...(rng.chance(0.3) ? [rng.pick(DATES)] : [])] : [],
      nationalities: rng.chance(0.5) ? [rng.pick(COUNTRIES)] : [],
      countries: rng.chance(0.3) ? [rng.pick(COUNTRIES)] : [],
    });
  });
}

function identity(rng: Rng, list: readonly WatchlistEntry[]): Identity {
  const source = rng.pick(list);
  let name = rng.chance(0.8) ? source.name : randomName(rng);
  for (let k = rng.int(3); k > 0; k--) name = mutate(rng, name);
  const dob = rng.chance(0.5) ? `${rng.pick(['1960-05-10', '1971-02-03', '1985-01-01'])}T00:00:00Z` : '';
  const country = rng.chance(0.5) ? rng.pick(COUNTRIES) : '';
  if (rng.chance(0.35)) {
    return makeIdentity({
      identity_type: 'organization',
      first_name: '',
      last_name: '',
      organization_name: name,
      dob,
      country,
    });
  }
  const words = name.split(' ');
  const split = 1 + rng.int(Math.max(1, words.length - 1));
  return makeIdentity({
    first_name: words.slice(0, split).join(' '),
    other_names: '',
    last_name: words.slice(split).join(' '),
    dob,
    nationality: country,
    country: rng.chance(0.5) ? rng.pick(COUNTRIES) : '',
  });
}

const summary = (hits: ReturnType<typeof naiveScreen>) => hits.map((h) => `${h.hit_id} ${String(h.score)}`);

describe('blocking', () => {
  it('returns every entry the full scan scores at or above any threshold the settings allow (0.5–1)', () => {
    // BLOCKING_SEED=n explores another sequence (seeds 1–8 were run while building this).
    const rng = prng(Number(process.env['BLOCKING_SEED'] ?? 20261201));
    const list = entries(rng, 600);
    const index = buildWatchlistIndex(list);
    let compared = 0;
    let hits = 0;
    for (let q = 0; q < 500; q++) {
      const subject = identity(rng, list);
      // The lowest threshold allowed, the default, and a random one in between or above.
      const threshold = q % 3 === 0 ? 0.5 : q % 3 === 1 ? 0.85 : 0.5 + Math.round(rng.next() * 5000) / 10000;
      const naive = naiveScreen(subject, index, { threshold });
      const indexed = screenIdentity(subject, index, { threshold });
      expect(
        summary(indexed),
        `${JSON.stringify(subject.first_name)} ${subject.last_name} ${subject.organization_name} @ ${String(threshold)}`,
      ).toEqual(summary(naive));
      compared++;
      hits += naive.length;
    }
    // The property means something only if the scan finds plenty to compare.
    expect(compared).toBe(500);
    expect(hits).toBeGreaterThan(300);
  }, 120_000);
});
