/**
 * What each index and trigger on `kyc_cases` costs the sync's case insert (issue 17: the queue's
 * indexes are H17Q's to keep or drop; this says what each one costs a new identity). For every
 * variant — all in place, then each index or trigger dropped alone — a fresh migrated SQLite
 * file gets `BENCH_INSERT_BASE` cases seeded in SQL, then `BENCH_INSERT_CASES` cases through
 * `case-repository.insert` in slices of 50 committed with `synchronous = NORMAL`, as the sync
 * writes them. Reported: CPU ms per insert (this process's, commits included) and what dropping
 * that one object saves. Variants alternate over `BENCH_INSERT_ROUNDS` rounds; the median is kept.
 *
 * Run: nice pnpm exec tsx bench/sync-insert-cost.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaseRepository } from '../apps/bff/src/db/case-repository';
import { migrate } from '../apps/bff/src/db/migrate';
import { openDatabase, rederivableTransaction } from '../apps/bff/src/db/open-database';
import { seedQueueCases } from './support/queue-seed';
import { report } from './support/report';
import { round } from './support/stats';

const BASE = Number(process.env.BENCH_INSERT_BASE ?? 10_000);
const CASES = Number(process.env.BENCH_INSERT_CASES ?? 2_000);
const ROUNDS = Number(process.env.BENCH_INSERT_ROUNDS ?? 3);
const SLICE = 50;
const INSTALL = 'instapp_bench_insert';

const ASSESSMENT = {
  checks: [],
  hits: [],
  risk: {
    score: 0.42,
    level: 'medium' as const,
    reasons: [
      { code: 'country_increased_monitoring' as const, label: 'Country under increased monitoring', weight: 0.3 },
    ],
    capped: false,
    uncapped: 0.42,
    hard_stops: [],
    floors: [],
  },
};

/** The indexes and triggers on kyc_cases a fresh migrated database has (sqlite_autoindex_* cannot be dropped). */
function objectsOnCases(): { type: 'index' | 'trigger'; name: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-bench-insert-'));
  try {
    const db = openDatabase(join(dir, 'kyc.db'));
    migrate(db);
    const rows = db
      .prepare(
        "SELECT type, name FROM sqlite_master WHERE tbl_name = 'kyc_cases' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
      )
      .all();
    db.close();
    return rows.flatMap((r) =>
      typeof r === 'object' && r !== null && 'type' in r && 'name' in r && typeof r.name === 'string'
        ? [{ type: r.type === 'index' ? ('index' as const) : ('trigger' as const), name: r.name }]
        : [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU ms per case insert with `dropped` removed (null: everything in place). */
function measure(dropped: { type: string; name: string } | null, round: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-bench-insert-'));
  const file = join(dir, 'kyc.db');
  try {
    const setup = openDatabase(file);
    migrate(setup);
    setup.close();
    seedQueueCases(file, INSTALL, BASE, 'rvw_bench');
    const db = openDatabase(file);
    if (dropped !== null) db.exec(`DROP ${dropped.type.toUpperCase()} ${dropped.name}`);
    const cases = createCaseRepository(db);
    const write = rederivableTransaction(db);
    const at = '2026-12-01T10:00:00.000Z';
    const started = process.cpuUsage();
    for (let from = 0; from < CASES; from += SLICE)
      write(() => {
        for (let i = from; i < Math.min(CASES, from + SLICE); i++) {
          const id = `idt_bench_${String(round)}_${String(i).padStart(7, '0')}`;
          cases.insert({
            caseId: `case_${id}`,
            installedAppId: INSTALL,
            identityId: id,
            status: i % 5 === 0 ? 'approved' : 'new',
            summary: {
              displayName: `Bench Person ${String(i)}`,
              searchText: `bench person ${String(i)} ${id}`,
              identityType: i % 7 === 0 ? 'organization' : 'individual',
              country: ['Canada', 'Germany', 'Nigeria', 'France'][i % 4] ?? 'Canada',
              createdAt: new Date(Date.parse(at) - i * 60_000).toISOString(),
              kycStatus: i % 5 === 0 ? 'approved' : null,
              kycReviewedAt: null,
              kycRiskLevel: null,
            },
            assessment: { ...ASSESSMENT, risk: { ...ASSESSMENT.risk, score: (i % 100) / 100 } },
            openHits: i % 3,
            stamp: { fingerprint: `fp_${id}`, watchlistVersion: 1, settingsVersion: 0, assessedAt: at },
            at,
          });
        }
      });
    const used = process.cpuUsage(started);
    db.close();
    return (used.user + used.system) / 1000 / CASES;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const objects = objectsOnCases();
const variants: ({ type: 'index' | 'trigger'; name: string } | null)[] = [null, ...objects];
const runs = new Map<string, number[]>();
const key = (v: { name: string } | null) => (v === null ? 'all in place' : v.name);
for (let r = 0; r < ROUNDS; r++)
  for (const v of variants) runs.set(key(v), [...(runs.get(key(v)) ?? []), measure(v, r)]);
const all = median(runs.get('all in place') ?? []);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (2 shared cores)`,
);
report(
  'sync-insert-cost',
  variants.map((v) => {
    const ms = median(runs.get(key(v)) ?? []);
    return v === null
      ? {
          name: `case insert, every index and trigger in place (${String(CASES)} after ${String(BASE)})`,
          value: round(ms, 4),
          unit: 'ms',
        }
      : {
          name: `case insert without ${v.type} ${v.name}`,
          value: round(ms, 4),
          unit: 'ms',
          baseline: { name: 'all in place', value: round(all, 4) },
          shown: `${String(round(ms, 4))} ms (saves ${String(round(all - ms, 4))} ms, ${String(Math.round((100 * (all - ms)) / all))} %)`,
        };
  }),
  { base: BASE, cases: CASES, rounds: ROUNDS, load_average: loadavg().map((l) => round(l, 1)) },
);
