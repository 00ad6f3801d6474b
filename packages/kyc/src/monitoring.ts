import type {
  ApprovalBlocker,
  AssessmentBaseline,
  AssessmentChange,
  BaselineHit,
  CheckResult,
  RiskAssessment,
  RiskLevel,
  WatchlistEntry,
  WatchlistHit,
} from '@kyc-review/contracts';
import { stableHash } from './hash';
import { isUnscreened, riskPoints } from './risk';

/** What a case looks like to a decision: its checks, its risk and the hits still open. */
export interface ReviewState {
  readonly checks: readonly CheckResult[];
  readonly risk: RiskAssessment;
  /** Hits neither confirmed nor dismissed. */
  readonly openHits: readonly WatchlistHit[];
}

const BAND: Readonly<Record<RiskLevel, number>> = { low: 0, medium: 1, high: 2 };
/** A score that moved less than this on the same entry is the same hit, not a changed one. */
const SCORE_MOVE = 0.05;

/** JSON with sorted keys, so an entry hashes the same whatever order its fields came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(entry: WatchlistEntry): string {
  return stableHash(canonical(entry));
}

function baselineHit(hit: WatchlistHit): BaselineHit {
  return {
    hit_id: hit.hit_id,
    entry_id: hit.entry.entry_id,
    entry_name: hit.entry.name,
    list: hit.entry.list,
    score: hit.score,
    entry_hash: entryHash(hit.entry),
  };
}

/** What a decision is made on: kept with the decision, compared with every later assessment. */
export function baselineOf(state: ReviewState): AssessmentBaseline {
  return {
    risk_level: state.risk.level,
    risk_score: state.risk.score,
    open_hits: state.openHits.map(baselineHit),
    failing_checks: state.checks.filter((c) => c.status === 'fail').map((c) => c.check_id),
  };
}

/**
 * A case decided before the app saw it (its status came from the ledger): nothing is known
 * of what it was decided on but the band the ledger recorded, so every open hit and every
 * failing check counts as new.
 */
export function ledgerBaseline(level: RiskLevel | null): AssessmentBaseline {
  return { risk_level: level ?? 'low', risk_score: 0, open_hits: [], failing_checks: [] };
}

const points = (score: number) => `${String(riskPoints(score))}%`;

/**
 * What changed since the decision (docs/product.md "Monitoring acts"): a new or changed open
 * hit, a higher risk band, a newly failing check. Lower risk, a hit closed or a check that
 * passes again are not reasons to re-review.
 */
export function changesSince(baseline: AssessmentBaseline, current: ReviewState): AssessmentChange[] {
  const changes: AssessmentChange[] = [];
  const before = new Map(baseline.open_hits.map((h) => [h.entry_id, h]));
  for (const hit of current.openHits) {
    const now = baselineHit(hit);
    const was = before.get(now.entry_id);
    const ref = { hit_id: now.hit_id, entry_id: now.entry_id, entry_name: now.entry_name, list: now.list };
    if (was === undefined) {
      changes.push({
        kind: 'new_hit',
        key: `new_hit:${now.entry_id}`,
        summary: `New watchlist match: ${now.entry_name} on ${now.list} (match ${points(now.score)}).`,
        ...ref,
        score: now.score,
      });
      continue;
    }
    const entryChanged = was.entry_hash !== now.entry_hash;
    const scoreUp = now.score - was.score >= SCORE_MOVE;
    if (entryChanged || was.hit_id !== now.hit_id || scoreUp) {
      const what = entryChanged ? 'the list entry changed' : scoreUp ? 'the match is stronger' : 'another name matched';
      changes.push({
        kind: 'changed_hit',
        key: `changed_hit:${now.entry_id}:${now.entry_hash}:${now.hit_id}:${points(now.score)}`,
        summary: `Watchlist match changed: ${now.entry_name} on ${now.list}, ${what} (match ${points(was.score)} → ${points(now.score)}).`,
        ...ref,
        score: now.score,
        score_before: was.score,
      });
    }
  }
  if (BAND[current.risk.level] > BAND[baseline.risk_level]) {
    changes.push({
      kind: 'risk_band_up',
      key: `risk_band_up:${current.risk.level}`,
      summary: `Risk went up from ${baseline.risk_level} to ${current.risk.level} (score ${String(riskPoints(current.risk.score))}).`,
      from: baseline.risk_level,
      to: current.risk.level,
    });
  }
  const failingBefore = new Set(baseline.failing_checks);
  for (const check of current.checks) {
    if (check.status !== 'fail' || failingBefore.has(check.check_id)) continue;
    changes.push({
      kind: 'check_failing',
      key: `check_failing:${check.check_id}`,
      summary: `${check.title} now fails: ${check.reason}`,
      check_id: check.check_id,
      reason: check.reason,
    });
  }
  return changes;
}

/**
 * Why an approval must be refused (docs/product.md): a needed check was skipped (no name to
 * screen, tokenized names, no date of birth, no country), a hit is open, or a hard stop
 * applies. Empty means the case may be approved.
 */
export function approvalBlockers(state: ReviewState): ApprovalBlocker[] {
  const blockers: ApprovalBlocker[] = [];
  for (const check of state.checks) {
    if (isUnscreened(check))
      blockers.push({ code: 'check_skipped', check_id: check.check_id, message: `${check.title}: ${check.reason}` });
  }
  for (const hit of state.openHits) {
    blockers.push({
      code: 'open_hit',
      hit_id: hit.hit_id,
      message: `Open watchlist match: ${hit.entry.name} on ${hit.entry.list} needs a verdict.`,
    });
  }
  for (const stop of state.risk.hard_stops) blockers.push({ code: 'hard_stop', stop: stop.code, message: stop.label });
  return blockers;
}
