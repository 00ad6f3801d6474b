/**
 * Screening benchmark, the indexed screen beside a naive all-pairs scan in the same run:
 * - a deterministic synthetic 10 000-entry list of people and 10 000 identities;
 * - an OFAC SDN-size list (15 000 entries, 33 000+ names with aliases) written as the three
 *   legacy CSV files and read by the importer, with its read and index-build times, and
 *   10 000 identities (people and companies) screened against it.
 * Targets (issue 14): ≤ 0.2 ms median per identity and ≤ 2 s for 10 000 identities against
 * the SDN-size list, its index built in ≤ 2 s (in time slices in the BFF), read in < 30 s.
 * Run: pnpm exec tsx bench/screening.ts (last line: BENCH_JSON {...} for bench/run.mjs).
 * Imports go by path: the workspace root depends on no workspace package.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { buildWatchlistIndex, naiveScreen, screenIdentity } from '../packages/kyc/src/index';
import { identityNamed, LABELLED, labelledEntries } from '../packages/kyc/test/labelled-set';
import { emit, type BenchRow } from './support/report';
import { syntheticData } from './support/screening-data';
import { hitKeys, screenList } from './support/screening-measure';
import { measureSdn } from './support/sdn-screening';

const NAIVE_SAMPLE = 200;
const TARGET_MEDIAN_MS = 0.2;
const TARGET_TOTAL_S = 2;
const TARGET_BUILD_MS = 2_000;
const TARGET_IMPORT_S = 30;

export async function main(): Promise<void> {
  const { entries, identities } = syntheticData();
  const buildStart = performance.now();
  const index = buildWatchlistIndex(entries);
  const buildMs = performance.now() - buildStart;
  const people = screenList(identities, index, NAIVE_SAMPLE);

  const labelledIndex = buildWatchlistIndex(labelledEntries());
  const labelledAgrees = [...LABELLED.must_match, ...LABELLED.must_not_match].every((pair) => {
    const identity = identityNamed(pair.query);
    return hitKeys(screenIdentity, identity, labelledIndex) === hitKeys(naiveScreen, identity, labelledIndex);
  });
  const sdn = await measureSdn();

  const ms = (n: number) => `${String(n)} ms`;
  const rows: BenchRow[] = [
    {
      benchmark: `screening one identity vs SDN-size list (${String(sdn.entries)} entries, ${String(sdn.names)} names), median`,
      figure: ms(sdn.median_ms),
      baseline: `naive ${ms(sdn.naive_median_ms)}`,
      ratio: `${String(sdn.speedup)}x faster`,
      target: `≤ ${String(TARGET_MEDIAN_MS)} ms`,
      met: sdn.median_ms <= TARGET_MEDIAN_MS,
    },
    {
      benchmark: 'screening 10k identities vs SDN-size list, total',
      figure: `${String(sdn.total_s)} s (CPU ${String(sdn.total_cpu_s)} s)`,
      baseline: `naive ~${String(sdn.naive_total_s_estimated)} s`,
      ratio: `${String(sdn.speedup)}x faster`,
      target: `≤ ${String(TARGET_TOTAL_S)} s`,
      met: sdn.total_s <= TARGET_TOTAL_S,
    },
    {
      benchmark: 'index build, SDN-size list',
      figure: `${ms(sdn.index_build_ms)} (CPU ${ms(sdn.index_build_cpu_ms)})`,
      baseline: '',
      ratio: '',
      target: `≤ ${String(TARGET_BUILD_MS)} ms`,
      met: sdn.index_build_ms <= TARGET_BUILD_MS,
    },
    {
      benchmark: 'reading the three SDN files (importer, no database)',
      figure: `${String(sdn.import_read_s)} s (CPU ${String(sdn.import_read_cpu_s)} s)`,
      baseline: '',
      ratio: '',
      target: `< ${String(TARGET_IMPORT_S)} s`,
      met: sdn.import_read_s < TARGET_IMPORT_S,
    },
    {
      benchmark: 'screening one identity vs 10k synthetic people, median',
      figure: ms(people.median_ms),
      baseline: `naive ${ms(people.naive_median_ms)}`,
      ratio: `${String(people.speedup)}x faster`,
      target: `≤ ${String(TARGET_MEDIAN_MS)} ms`,
      met: people.median_ms <= TARGET_MEDIAN_MS,
    },
    {
      benchmark: 'screening: same matches as the naive scan (labelled set, both samples)',
      figure: String(labelledAgrees && people.same_matches_naive_sample && sdn.same_matches_naive_sample),
      baseline: '',
      ratio: '',
      target: 'true',
      met: labelledAgrees && people.same_matches_naive_sample && sdn.same_matches_naive_sample,
    },
  ];
  for (const row of rows)
    console.log(
      `${row.benchmark}: ${row.figure} (${row.baseline || 'no baseline'}), target ${row.target}: ${row.met ? 'meets target' : 'MISSES target'}`,
    );
  console.log(
    `synthetic people: index built in ${String(Math.round(buildMs))} ms; 10k identities ${String(people.total_s)} s (CPU ${String(people.total_cpu_s)} s); hits ${String(people.hits)}; SDN-size hits ${String(sdn.hits)}; load average ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  emit({
    name: 'screening',
    figures: {
      sdn_entries: sdn.entries,
      sdn_names: sdn.names,
      sdn_median_ms: sdn.median_ms,
      sdn_total_s: sdn.total_s,
      sdn_total_cpu_s: sdn.total_cpu_s,
      sdn_index_build_ms: sdn.index_build_ms,
      sdn_import_read_s: sdn.import_read_s,
      people_median_ms: people.median_ms,
      people_total_s: people.total_s,
      people_index_build_ms: Math.round(buildMs),
    },
    baseline: { sdn_naive_median_ms: sdn.naive_median_ms, people_naive_median_ms: people.naive_median_ms },
    ratio: sdn.speedup,
    target: `SDN-size: median ≤ ${String(TARGET_MEDIAN_MS)} ms, 10k ≤ ${String(TARGET_TOTAL_S)} s, build ≤ ${String(TARGET_BUILD_MS)} ms`,
    met: rows.every((r) => r.met),
    rows,
    load_average_1m: Number((loadavg()[0] ?? 0).toFixed(2)),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
