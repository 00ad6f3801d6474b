import type { DemoWatchlistEntry } from './watchlist-csv';
import type { IdentityRow } from '../state/records';
import type { SeedContext } from './context';
import { COVERAGE_PLAN, SCENARIOS, coverageNearMatches, type ScenarioEnv, type Secrets } from './scenarios';

const REVIEW_STATUSES = ['approved', 'approved', 'approved', 'rejected', 'info_requested', 'escalated'] as const;
const RISK_LEVELS = ['low', 'low', 'medium', 'high'] as const;
const VENDOR_STATUSES = ['verified', 'verified', 'pending', 'failed'] as const;

/**
 * How a seed draws its identities. A demo instance covers every scenario first, then draws by
 * the scenarios' weights; a bulk chunk of the generated instance (the 1M bench) changes both.
 */
export type SeedMix = {
  /** The first running number (generated emails carry it: chunks start apart, so emails stay unique). */
  readonly firstNumber: number;
  /** Every scenario once first (COVERAGE_PLAN and one near match of each kind). */
  readonly coverage: boolean;
  /** Weights that replace the scenarios' own. */
  readonly weights: Readonly<Record<string, number>>;
};

export const DEMO_MIX: SeedMix = { firstNumber: 0, coverage: true, weights: {} };

function pickScenario(env: ScenarioEnv, weights: SeedMix['weights']): string {
  const entries = Object.entries(SCENARIOS).map(([name, s]) => [name, weights[name] ?? s.weight] as const);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = env.ctx.prng.next() * total;
  for (const [name, weight] of entries) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return 'complete';
}

/** Earlier decisions by this app (flat `kyc_*` keys, docs/cloud-contract.md §6.4) and by an ID vendor. */
function addHistory(ctx: SeedContext, row: IdentityRow): void {
  const { prng } = ctx;
  if (prng.chance(0.18)) {
    const status = prng.pick(REVIEW_STATUSES);
    const level = status === 'rejected' ? 'high' : prng.pick(RISK_LEVELS);
    row.meta_data = {
      ...row.meta_data,
      kyc_status: status,
      kyc_risk_level: level,
      kyc_risk_score: level === 'low' ? prng.int(0, 29) : level === 'medium' ? prng.int(30, 59) : prng.int(60, 100),
      kyc_reviewed_at: ctx.pastTime(400, 1),
      kyc_reviewed_by: `user_${prng.uuid()}`,
      kyc_case_id: `case_${prng.hex(12)}`,
    };
  }
  if (prng.chance(0.15)) {
    row.meta_data = {
      ...row.meta_data,
      verification_status: prng.pick(VENDOR_STATUSES),
      verification_provider: 'Fictional ID Check',
      verified_at: ctx.pastTime(500, 2),
    };
  }
}

/** `count` identities: a coverage pass of every scenario (unless the mix says not), then weighted draws. */
export function seedIdentities(
  ctx: SeedContext,
  count: number,
  watchlist: readonly DemoWatchlistEntry[],
  mix: SeedMix = DEMO_MIX,
): { rows: IdentityRow[]; secrets: Secrets } {
  const secrets: Secrets = new Map();
  let n = mix.firstNumber;
  const env: ScenarioEnv = { ctx, watchlist, secrets, next: () => ++n };
  const rows: IdentityRow[] = [];
  const push = (built: IdentityRow[]): void => {
    for (const row of built) {
      if (rows.length >= count) return;
      addHistory(ctx, row);
      rows.push(row);
    }
  };
  if (mix.coverage) {
    push(coverageNearMatches(env));
    for (const name of COVERAGE_PLAN) push(SCENARIOS[name]?.build(env) ?? []);
  }
  while (rows.length < count) push(SCENARIOS[pickScenario(env, mix.weights)]?.build(env) ?? []);
  // A scenario cut off at `count` may have stored secrets for a row that was dropped.
  const kept = new Set(rows.map((r) => r.identity_id));
  for (const id of secrets.keys()) if (!kept.has(id)) secrets.delete(id);
  return { rows, secrets };
}
