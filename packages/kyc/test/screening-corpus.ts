import type { Identity, WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import { LABELLED } from './labelled-set';
import { makeEntry, strong } from './make-entry';
import { makeIdentity } from './make-identity';
import { prng, type Rng } from './prng';

// A fixed screening corpus for the snapshot test (screening-snapshot.test.ts): a list built
// from the labelled set's names (every script and kind it covers) and random recombinations
// of their words, with aliases, dates of birth and countries; identities that carry those
// names as written, misspelt, reordered, shortened or extended, with agreeing or
// contradicting dates and countries. Deterministic: the same corpus on every run.

const COUNTRIES = ['RU', 'IR', 'SY', 'GB', 'US', 'CN', 'AE', 'DE'];
const COUNTRY_NAMES = ['Russia', 'Iran', 'Syria', 'United Kingdom', 'United States', 'China', 'Germany', 'France'];
const LEGAL_FORMS = ['LLC', 'Joint Stock Company', 'OOO', 'S.A.', 'GmbH', 'Co., Ltd.', 'PJSC', 'Limited'];
const DESCRIPTORS = ['Trading', 'Bank', 'Shipping', 'Group', 'Holding', 'Industrial'];
const TYPES: readonly WatchlistEntryType[] = ['person', 'organization', 'unknown', 'person', 'vessel', 'unknown'];

const PAIRS = [...LABELLED.must_match, ...LABELLED.must_not_match];
const TARGETS = [...new Set(PAIRS.map((p) => p.target))];
const WORDS = [...new Set(PAIRS.flatMap((p) => `${p.query} ${p.target}`.split(/\s+/)))].filter((w) => w !== '');

const year = (random: Rng) => 1940 + random.int(70);
const pad = (n: number) => String(n).padStart(2, '0');
const date = (random: Rng) => `${String(year(random))}-${pad(1 + random.int(12))}-${pad(1 + random.int(28))}`;

function someDobs(random: Rng): string[] {
  const count = random.int(3);
  return Array.from({ length: count }, () => (random.chance(0.3) ? String(year(random)) : date(random)));
}

function someCountries(random: Rng): string[] {
  return Array.from({ length: random.int(3) }, () => random.pick(COUNTRIES));
}

function wordsName(random: Rng, count: number): string {
  return Array.from({ length: count }, () => random.pick(WORDS)).join(' ');
}

/** A spelling change of one word: a letter dropped, doubled or swapped with its neighbour. */
function misspell(random: Rng, name: string): string {
  const words = name.split(' ');
  const at = random.int(words.length);
  const word = words[at] ?? '';
  if (word.length < 3) return name;
  const i = 1 + random.int(word.length - 2);
  const edits = [
    word.slice(0, i) + word.slice(i + 1),
    word.slice(0, i) + word.charAt(i) + word.slice(i),
    word.slice(0, i - 1) + word.charAt(i) + word.charAt(i - 1) + word.slice(i + 1),
  ];
  words[at] = random.pick(edits);
  return words.join(' ');
}

function variant(random: Rng, name: string): string {
  const words = name.split(' ');
  switch (random.int(6)) {
    case 0:
      return name;
    case 1:
      return misspell(random, name);
    case 2:
      return [...words].reverse().join(' ');
    case 3:
      return words.length > 2 ? [...words.slice(0, 1), ...words.slice(2)].join(' ') : misspell(random, name);
    case 4:
      return `${words[0] ?? ''} ${random.pick(WORDS)} ${words.slice(1).join(' ')}`.trim();
    default:
      return wordsName(random, 1 + random.int(3));
  }
}

function organisationName(random: Rng): string {
  const core = wordsName(random, 1 + random.int(2));
  const descriptor = random.chance(0.5) ? ` ${random.pick(DESCRIPTORS)}` : '';
  return `${core}${descriptor} ${random.pick(LEGAL_FORMS)}`;
}

export function corpusEntries(): WatchlistEntry[] {
  const random = prng(14_2026);
  const labelled = TARGETS.map((name, i) =>
    makeEntry({
      entry_id: `wle_corpus_l${String(i)}`,
      name,
      entry_type: random.pick(TYPES),
      aliases: random.chance(0.3)
        ? [...strong(misspell(random, name)), { name: wordsName(random, 2), kind: 'weak' }]
        : [],
      dobs: someDobs(random),
      nationalities: someCountries(random),
      countries: someCountries(random),
    }),
  );
  const generated = Array.from({ length: 1_500 }, (_, i) => {
    const type = random.pick(TYPES);
    const person = type === 'person' || (type === 'unknown' && random.chance(0.5));
    const name = person
      ? random.chance(0.5)
        ? `${wordsName(random, 1)}, ${wordsName(random, 1 + random.int(2))}`
        : wordsName(random, 2 + random.int(2))
      : organisationName(random);
    const aliasCount = random.int(4);
    return makeEntry({
      entry_id: `wle_corpus_g${String(i)}`,
      name,
      entry_type: type,
      aliases: strong(...Array.from({ length: aliasCount }, () => variant(random, name.replace(',', '')))),
      dobs: someDobs(random),
      nationalities: someCountries(random),
      countries: someCountries(random),
      list: random.chance(0.5) ? 'OFAC SDN' : 'Demo sanctions',
    });
  });
  return [...labelled, ...generated];
}

function identityFor(random: Rng, name: string, organisation: boolean): Identity {
  const dob = random.chance(0.7) ? `${date(random)}T00:00:00Z` : '';
  const place = () => (random.chance(0.6) ? random.pick(COUNTRY_NAMES) : '');
  if (organisation)
    return makeIdentity({
      identity_type: 'organization',
      organization_name: name,
      first_name: '',
      last_name: '',
      dob: '',
      nationality: '',
      country: place(),
    });
  const words = name.split(' ');
  const withOther = words.length > 2 && random.chance(0.4);
  return makeIdentity({
    first_name: words[0] ?? '',
    other_names: withOther ? words.slice(1, -1).join(' ') : '',
    last_name: withOther ? (words.at(-1) ?? '') : words.slice(1).join(' '),
    dob,
    nationality: place(),
    country: place(),
  });
}

/** Identities named after the corpus's entries (and the labelled queries), or by chance. */
export function corpusIdentities(entries: readonly WatchlistEntry[]): Identity[] {
  const random = prng(2026_14);
  const fromPairs = PAIRS.map((p) => identityFor(random, p.query, random.chance(0.3)));
  const fromEntries = Array.from({ length: 1_000 }, () => {
    const entry = random.pick(entries);
    const source = random.chance(0.2)
      ? (entry.aliases[random.int(entry.aliases.length)]?.name ?? entry.name)
      : entry.name;
    const name = variant(random, source.replace(',', ''));
    return identityFor(random, name, entry.entry_type === 'organization' || random.chance(0.1));
  });
  return [...fromPairs, ...fromEntries];
}
