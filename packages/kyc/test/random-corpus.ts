import type { Identity, WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import { makeEntry } from './make-entry';
import { makeIdentity } from './make-identity';
import type { Rng } from './prng';

// A random screening corpus for the blocking property test (blocking-property.test.ts):
// names of random syllables with titles, particles, legal forms and descriptors mixed in,
// and identities carrying them with random edits (misspelt, initials, joined, reordered,
// Cyrillic letters, lists' "LAST, First"). The fixed corpus of the snapshot test is
// screening-corpus.ts; both draw from prng.ts.

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

/** Random entries of every type, with aliases (some weak), dates of birth and countries. */
export function randomEntries(rng: Rng, count: number): WatchlistEntry[] {
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

/** An identity named after a random entry (or by chance), edited up to twice. */
export function randomIdentity(rng: Rng, list: readonly WatchlistEntry[]): Identity {
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
