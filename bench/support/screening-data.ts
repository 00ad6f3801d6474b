/**
 * Deterministic synthetic names for the screening benches: a 10 000-entry list of people of
 * six naming cultures, and identities of whom one in fifty carries a listed name.
 */
import { Identity, WatchlistEntry } from '../../packages/contracts/src/index';
import { prng as seededRng } from '../../packages/kyc/test/prng';

const SIZE = 10_000;

/** The screening tests' seeded sequence (mulberry32), as a function returning the next number. */
export const prng = (seed: number): (() => number) => seededRng(seed).next;

export const FIRST = {
  slavic: [
    'Ivan',
    'Sergei',
    'Olga',
    'Dmitry',
    'Tatiana',
    'Nikolai',
    'Anna',
    'Mikhail',
    'Yelena',
    'Pavel',
    'Oksana',
    'Viktor',
  ],
  arabic: [
    'Mohammed',
    'Ahmed',
    'Fatima',
    'Omar',
    'Khalid',
    'Aisha',
    'Hassan',
    'Layla',
    'Youssef',
    'Samira',
    'Tariq',
    'Nour',
  ],
  latin: [
    'Jose',
    'Maria',
    'Carlos',
    'Lucia',
    'Pedro',
    'Ana',
    'Diego',
    'Camila',
    'Javier',
    'Sofia',
    'Mateo',
    'Valentina',
  ],
  anglo: ['John', 'Mary', 'Robert', 'Linda', 'James', 'Susan', 'William', 'Karen', 'David', 'Emma', 'Thomas', 'Olivia'],
  asian: ['Wei', 'Hiroshi', 'Min-jun', 'Yuki', 'Thanh', 'Jun', 'Mei', 'Arjun', 'Priya', 'Kenji', 'Seo-yeon', 'Anh'],
  african: [
    'Chinedu',
    'Amara',
    'Kwame',
    'Ngozi',
    'Tendai',
    'Abebe',
    'Zanele',
    'Kofi',
    'Fatou',
    'Oluwaseun',
    'Wanjiru',
    'Moussa',
  ],
};
export const LAST = {
  slavic: [
    'Ivanov',
    'Petrova',
    'Smirnov',
    'Kuznetsov',
    'Popova',
    'Sokolov',
    'Lebedev',
    'Kozlova',
    'Novikov',
    'Morozov',
    'Volkov',
    'Fedorova',
  ],
  arabic: [
    'Al-Rashid',
    'Haddad',
    'Mansour',
    'Khalil',
    'Nasser',
    'Hamdan',
    'Saleh',
    'Aziz',
    'Farouk',
    'Qureshi',
    'Bakri',
    'Othman',
  ],
  latin: [
    'Garcia',
    'Rodriguez',
    'Lopez',
    'Martinez',
    'Gonzalez',
    'Perez',
    'Sanchez',
    'Ramirez',
    'Torres',
    'Flores',
    'Rivera',
    'Moreno',
  ],
  anglo: [
    'Smith',
    'Johnson',
    'Williams',
    'Brown',
    'Jones',
    'Miller',
    'Davis',
    'Wilson',
    'Anderson',
    'Taylor',
    'Moore',
    'Clark',
  ],
  asian: ['Wang', 'Tanaka', 'Kim', 'Nguyen', 'Sato', 'Chen', 'Park', 'Sharma', 'Li', 'Suzuki', 'Tran', 'Patel'],
  african: [
    'Okafor',
    'Mensah',
    'Diallo',
    'Moyo',
    'Kenyatta',
    'Abiodun',
    'Dlamini',
    'Traore',
    'Mwangi',
    'Bekele',
    'Okonkwo',
    'Ndlovu',
  ],
};
export const CULTURES = Object.keys(FIRST) as (keyof typeof FIRST)[];
export const COUNTRIES = ['RU', 'SY', 'MX', 'GB', 'CN', 'NG', 'IR', 'VE', 'AE', 'KP', 'US', 'FR'];

/** Syllables make most surnames, so the list is varied like a real one, not 432 names repeated. */
const SYLLABLES = [
  'ka',
  'ro',
  'mi',
  'sa',
  'len',
  'dor',
  'vi',
  'nas',
  'tu',
  'bek',
  'ra',
  'zan',
  'ol',
  'im',
  'go',
  'fer',
  'shi',
  'mar',
  'tel',
  'ha',
  'no',
  'ki',
  'bar',
  'dru',
  'el',
  'pa',
  'qu',
  'ste',
  'wo',
  'jan',
  'lu',
  'cho',
];

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty pool');
  return item;
}

export function syntheticSurname(random: () => number, culture: keyof typeof LAST): string {
  if (random() < 0.2) return pick(random, LAST[culture]);
  const syllables = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(random, SYLLABLES)).join('');
  return `${syllables.charAt(0).toUpperCase()}${syllables.slice(1)}${random() < 0.5 ? pick(random, ['ov', 'ez', 'son', 'i', 'ani', 'ski', 'ya']) : ''}`;
}

export function syntheticName(random: () => number): string {
  const culture = pick(random, CULTURES);
  const last = syntheticSurname(random, culture);
  const middle = random() < 0.25 ? ` ${pick(random, FIRST[pick(random, CULTURES)])}` : '';
  return `${pick(random, FIRST[culture])}${middle} ${last}`;
}

function syntheticWatchlist(random: () => number): WatchlistEntry[] {
  return Array.from({ length: SIZE }, (_, i) => {
    const name = syntheticName(random);
    const aliases = random() < 0.3 ? [syntheticName(random)] : [];
    const year = 1940 + Math.floor(random() * 60);
    return WatchlistEntry.parse({
      entry_id: `wle_bench_${String(i)}`,
      name,
      aliases,
      dob: random() < 0.7 ? `${String(year)}-0${String(1 + Math.floor(random() * 9))}` : null,
      country: random() < 0.8 ? pick(random, COUNTRIES) : null,
      list: random() < 0.7 ? 'Synthetic sanctions' : 'Synthetic PEP',
      topic: random() < 0.7 ? 'sanction' : 'pep',
    });
  });
}

export function syntheticIdentities(random: () => number, entries: readonly WatchlistEntry[]): Identity[] {
  return Array.from({ length: SIZE }, (_, i) => {
    // One in fifty is a listed name, so the screen has hits to find.
    const name = random() < 0.02 ? pick(random, entries).name : syntheticName(random);
    const words = name.split(' ');
    return Identity.parse({
      identity_id: `idt_bench${String(i)}`,
      identity_type: 'individual',
      first_name: words.slice(0, -1).join(' '),
      last_name: words.at(-1),
      dob: `${String(1950 + Math.floor(random() * 55))}-05-17T00:00:00Z`,
      country: pick(random, COUNTRIES),
      created_at: '2026-01-01T00:00:00Z',
    });
  });
}

/** The synthetic watchlist and identities, for the benchmark and for investigating it. */
export function syntheticData(): { entries: WatchlistEntry[]; identities: Identity[] } {
  const random = prng(20261122);
  const entries = syntheticWatchlist(random);
  return { entries, identities: syntheticIdentities(random, entries) };
}
