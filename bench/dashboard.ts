/**
 * Dashboard benchmark: `GET /api/dashboard` over 100 000 cases of one install (plus 20 000
 * of another), 200 000 decision audit rows over 60 days, 20 000 outbox rows and 5 000 hit
 * verdicts, all written straight into a migrated SQLite file; the app in-process.
 * Baseline: `GET /api/session` (the cheapest authenticated answer), interleaved.
 * Run: pnpm exec tsx bench/dashboard.ts (last line: BENCH_JSON {...} for bench/run.mjs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DashboardDto } from '../packages/contracts/src/index';
import { caseRowWriter, createTestApp, DEFAULT_IDS, enterPortal, installApp } from '../apps/bff/test/support/index';
import { latencyFigure, report } from './support/report';
import { latency } from './support/stats';

const CASES = 100_000;
const DECISIONS = 200_000;
const SAMPLES = 40;
const TARGET_MS = 100;
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const STATUSES = ['new', 'in_review', 'approved', 'rejected', 'info_requested', 'escalated', 'needs_rereview'];
const RISKS = ['low', 'medium', 'high'] as const;
const OUTCOMES = ['approve', 'reject', 'request_info', 'escalate', 'reopen', 'approve_first_of_two'];

/** A deterministic sequence (mulberry32), the same on every machine. */
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
const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

export async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-dashboard-bench-'));
  const t = createTestApp({ now: new Date(NOW), env: { DATABASE_PATH: join(dir, 'kyc.db') } });
  try {
    await installApp(t);
    const session = await enterPortal(t);
    const install = DEFAULT_IDS.installed_app_id;
    const rand = prng(12);
    const w = caseRowWriter(t.db);
    const started = performance.now();
    t.db.transaction(() => {
      for (let i = 0; i < CASES + 20_000; i += 1) {
        const own = i < CASES;
        w.case({
          installedAppId: own ? install : 'instapp_bench_other',
          identityId: `idt_${String(i).padStart(7, '0')}`,
          status: pick(rand, STATUSES),
          riskLevel: pick(rand, RISKS),
          createdAt: new Date(NOW - Math.floor(rand() * 90 * 86_400_000)).toISOString(),
          openHits: rand() < 0.05 ? 1 : 0,
          listed: rand() > 0.01,
        });
      }
      for (let i = 0; i < DECISIONS; i += 1)
        w.audit(
          install,
          `user_reviewer_${String(Math.floor(rand() * 12))}`,
          `decision:${pick(rand, OUTCOMES)}`,
          new Date(NOW - Math.floor(rand() * 60 * 86_400_000)).toISOString(),
        );
      for (let i = 0; i < 20_000; i += 1)
        w.outbox(install, pick(rand, ['pending', 'failing', 'done', 'done'] as const));
      for (let i = 0; i < 5_000; i += 1)
        w.verdict(
          install,
          `idt_${String(i * 17).padStart(7, '0')}`,
          `wl_${String(i)}`,
          rand() < 0.8 ? 'false_positive' : 'confirmed',
        );
    })();
    t.db.exec('ANALYZE');
    const seedS = (performance.now() - started) / 1000;

    const headers = { Cookie: session.cookie };
    const timed = async (path: string) => {
      const begin = performance.now();
      const res = await t.app.request(path, { headers });
      const body: unknown = await res.json();
      if (res.status !== 200) throw new Error(`${path} answered ${String(res.status)}`);
      return { ms: performance.now() - begin, body };
    };
    for (let i = 0; i < 5; i += 1) await timed('/api/dashboard'); // warm up
    const dashboard: number[] = [];
    const baseline: number[] = [];
    let last: unknown;
    for (let i = 0; i < SAMPLES; i += 1) {
      const d = await timed('/api/dashboard');
      dashboard.push(d.ms);
      last = d.body;
      baseline.push((await timed('/api/session')).ms);
    }
    const dto = DashboardDto.parse(last);
    const figure = latency(dashboard);
    const base = latency(baseline);
    console.log(`seeded ${String(CASES)} cases, ${String(DECISIONS)} decisions in ${seedS.toFixed(1)} s`);
    console.log(
      `figures: ${String(dto.backlog.open)} open, ${String(dto.ageing.overdue)} overdue, hit rate ${String(dto.screening.hit_rate)}`,
    );
    report(
      'dashboard',
      [
        latencyFigure({
          name: `GET /api/dashboard at ${String(CASES)} cases`,
          latency: figure,
          on: 'p50',
          baseline: { name: 'session', latency: base },
          goal: { atMost: TARGET_MS },
        }),
      ],
      { cases: CASES, decisions: DECISIONS },
    );
  } finally {
    t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
