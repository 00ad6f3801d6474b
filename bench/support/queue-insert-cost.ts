/**
 * What the search index (migration 0026) costs a new case: CPU per `case-repository.insert`
 * on a file database, in transactions of 500 as the sync's slices write them, with the FTS5
 * triggers and with them dropped, alternating in one process so both see the same load.
 * Decision 019 §Search reports it; H17S's per-identity figure (bench/sync.ts) includes it.
 *
 * Run: pnpm exec tsx bench/support/queue-insert-cost.ts   (BENCH_INSERTS, default 20 000 per run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RiskAssessment } from '../../packages/contracts/src/index';
import { createCaseRepository } from '../../apps/bff/src/db/case-repository';
import { migrate } from '../../apps/bff/src/db/migrate';
import { openDatabase } from '../../apps/bff/src/db/open-database';

const INSERTS = Number(process.env['BENCH_INSERTS'] ?? '20000');
const ROUNDS = 3;
const SLICE = 500;
const FTS_TRIGGERS = ['kyc_cases_fts_insert', 'kyc_cases_fts_delete', 'kyc_cases_fts_update'];

/** CPU ms per insert into a fresh file database, with or without the search index's triggers. */
function run(withIndex: boolean): number {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-insert-cost-'));
  const db = openDatabase(join(dir, 'kyc.db'));
  try {
    migrate(db);
    if (!withIndex) for (const t of FTS_TRIGGERS) db.exec(`DROP TRIGGER ${t}`);
    const cases = createCaseRepository(db);
    const risk = RiskAssessment.parse({ score: 0.3, level: 'low', reasons: [] });
    const started = process.cpuUsage();
    for (let from = 0; from < INSERTS; from += SLICE)
      db.transaction(() => {
        for (let i = from; i < Math.min(INSERTS, from + SLICE); i += 1) {
          const id = `idt_${String(i).padStart(8, '0')}`;
          cases.insert({
            caseId: `case-${String(i)}`,
            installedAppId: 'inst',
            identityId: id,
            status: 'new',
            summary: {
              displayName: `Person ${String(i)}`,
              searchText: `person ${String(i)} family${String(i % 977)} person.${String(i)}@example.com ${id}`,
              identityType: 'individual',
              country: 'Canada',
              createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
              kycStatus: null,
              kycReviewedAt: null,
              kycRiskLevel: null,
            },
            assessment: { checks: [], hits: [], risk },
            openHits: 0,
            stamp: {
              fingerprint: 'f',
              watchlistVersion: 0,
              settingsVersion: 0,
              assessedAt: '2026-01-01T00:00:00.000Z',
            },
            at: '2026-02-01T00:00:00.000Z',
          });
        }
      })();
    const cpu = process.cpuUsage(started);
    return (cpu.user + cpu.system) / 1000 / INSERTS;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const without: number[] = [];
const withIndex: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  without.push(run(false));
  withIndex.push(run(true));
}
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(4)).join(' / ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(`${String(INSERTS)} case inserts per run, transactions of ${String(SLICE)}, load ${loadavg().join(' ')}`);
console.log(`CPU ms per insert without the search index: ${fmt(without)}`);
console.log(`CPU ms per insert with the search index:    ${fmt(withIndex)}`);
console.log(
  `median ${median(withIndex).toFixed(4)} against ${median(without).toFixed(4)} ms: +${(median(withIndex) - median(without)).toFixed(4)} ms per new case (${((median(withIndex) / median(without) - 1) * 100).toFixed(0)} %)`,
);
