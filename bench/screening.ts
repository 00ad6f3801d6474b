/**
 * Screening benchmark: a deterministic synthetic 10 000-entry watchlist and 10 000
 * identities; the indexed screen against a naive all-pairs scan in the same run.
 * Run: pnpm exec tsx bench/screening.ts (last line: BENCH_JSON {...} for bench/run.mjs).
 * Imports go by path: the workspace root depends on no workspace package.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DEFAULT_KYC_SETTINGS, Identity, WatchlistEntry } from '../packages/contracts/src/index';
import { buildWatchlistIndex, naiveScreen, screenIdentity } from '../packages/kyc/src/index';
import type { WatchlistIndex } from '../packages/kyc/src/index';
import { identityNamed, LABELLED, labelledEntries } from '../packages/kyc/test/labelled-set';

const SIZE = 10_000;
const NAIVE_SAMPLE = 200;
const TARGET_MS_PER_IDENTITY = 1;
const TARGET_TOTAL_S = 2;
const threshold = DEFAULT_KYC_SETTINGS.watchlist_threshold;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = {
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
const LAST = {
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
const CULTURES = Object.keys(FIRST) as (keyof typeof FIRST)[];
const COUNTRIES = ['RU', 'SY', 'MX', 'GB', 'CN', 'NG', 'IR', 'VE', 'AE', 'KP', 'US', 'FR'];

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

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty pool');
  return item;
}

function syntheticSurname(random: () => number, culture: keyof typeof LAST): string {
  if (random() < 0.2) return pick(random, LAST[culture]);
  const syllables = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(random, SYLLABLES)).join('');
  return `${syllables.charAt(0).toUpperCase()}${syllables.slice(1)}${random() < 0.5 ? pick(random, ['ov', 'ez', 'son', 'i', 'ani', 'ski', 'ya']) : ''}`;
}

function syntheticName(random: () => number): string {
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

function syntheticIdentities(random: () => number, entries: readonly WatchlistEntry[]): Identity[] {
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

type Screen = typeof screenIdentity;
const hitKeys = (screen: Screen, identity: Identity, index: WatchlistIndex) =>
  screen(identity, index, { threshold })
    .map((h) => `${h.hit_id}:${String(h.score)}`)
    .join(',');

function timeEach(
  screen: Screen,
  identities: readonly Identity[],
  index: WatchlistIndex,
): { perCall: number[]; totalMs: number; cpuMs: number; hits: number } {
  const perCall: number[] = [];
  let hits = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (const identity of identities) {
    const t0 = performance.now();
    hits += screen(identity, index, { threshold }).length;
    perCall.push(performance.now() - t0);
  }
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return { perCall, totalMs, cpuMs: (cpu.user + cpu.system) / 1000, hits };
}

/** The synthetic watchlist and identities, for the benchmark and for investigating it. */
export function syntheticData(): { entries: WatchlistEntry[]; identities: Identity[] } {
  const random = prng(20261122);
  const entries = syntheticWatchlist(random);
  return { entries, identities: syntheticIdentities(random, entries) };
}

export function main(): Record<string, number | boolean | string> {
  const { entries, identities } = syntheticData();
  const buildStart = performance.now();
  const index = buildWatchlistIndex(entries);
  const buildMs = performance.now() - buildStart;

  timeEach(screenIdentity, identities.slice(0, 200), index); // warm up the JIT
  const indexed = timeEach(screenIdentity, identities, index);
  const sample = identities.slice(0, NAIVE_SAMPLE);
  const naive = timeEach(naiveScreen, sample, index);
  const naiveTotalS = ((naive.totalMs / NAIVE_SAMPLE) * SIZE) / 1000;
  const sampleAgrees = sample.every(
    (identity) => hitKeys(screenIdentity, identity, index) === hitKeys(naiveScreen, identity, index),
  );

  const labelledIndex = buildWatchlistIndex(labelledEntries());
  const labelledAgrees = [...LABELLED.must_match, ...LABELLED.must_not_match].every((pair) => {
    const identity = identityNamed(pair.query);
    return hitKeys(screenIdentity, identity, labelledIndex) === hitKeys(naiveScreen, identity, labelledIndex);
  });

  const result = {
    entries: SIZE,
    identities: SIZE,
    index_build_ms: Math.round(buildMs),
    indexed_median_ms: Number(median(indexed.perCall).toFixed(3)),
    naive_median_ms: Number(median(naive.perCall).toFixed(3)),
    indexed_total_s: Number((indexed.totalMs / 1000).toFixed(3)),
    // CPU time and load say how much of the wall time was this process on a shared machine.
    indexed_total_cpu_s: Number((indexed.cpuMs / 1000).toFixed(3)),
    load_average_1m: Number((loadavg()[0] ?? 0).toFixed(2)),
    naive_total_s_estimated: Number(naiveTotalS.toFixed(1)),
    naive_sample_size: NAIVE_SAMPLE,
    speedup: Number((naiveTotalS / (indexed.totalMs / 1000)).toFixed(1)),
    indexed_hits: indexed.hits,
    same_matches_labelled_set: labelledAgrees,
    same_matches_naive_sample: sampleAgrees,
    target_ms_per_identity: TARGET_MS_PER_IDENTITY,
    target_total_s: TARGET_TOTAL_S,
  };
  const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
  console.log(`watchlist ${String(SIZE)} entries, index built in ${String(result.index_build_ms)} ms`);
  console.log(
    `median per identity: indexed ${String(result.indexed_median_ms)} ms vs naive ${String(result.naive_median_ms)} ms (target < ${String(TARGET_MS_PER_IDENTITY)} ms: ${verdict(result.indexed_median_ms < TARGET_MS_PER_IDENTITY)})`,
  );
  console.log(
    `total for ${String(SIZE)} identities: indexed ${String(result.indexed_total_s)} s vs naive ~${String(result.naive_total_s_estimated)} s (estimated from ${String(NAIVE_SAMPLE)} identities) (target < ${String(TARGET_TOTAL_S)} s: ${verdict(result.indexed_total_s < TARGET_TOTAL_S)})`,
  );
  console.log(
    `(CPU time ${String(result.indexed_total_cpu_s)} s; machine load average ${String(result.load_average_1m)})`,
  );
  console.log(`speed-up: ${String(result.speedup)}x; indexed hits: ${String(result.indexed_hits)}`);
  console.log(
    `same matches as naive: labelled set ${String(labelledAgrees)}, synthetic sample of ${String(NAIVE_SAMPLE)} ${String(sampleAgrees)}`,
  );
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
