import type {
  CheckResult,
  HardStop,
  KycSettings,
  RiskAssessment,
  RiskLevel,
  RiskReason,
  RiskReasonCode,
  WatchlistHit,
} from '@kyc-review/contracts';
import { countryRiskEvidence, isNotApplicable } from './checks/evidence';

/** Reasons that make the level high on their own, whatever weights an install sets. */
const ALWAYS_HIGH: ReadonlySet<RiskReasonCode> = new Set(['watchlist_hit', 'country_call_for_action']);
/** Reasons that say the record is incomplete: such a record is never scored low. */
const INCOMPLETE: ReadonlySet<RiskReasonCode> = new Set(['required_fields_missing', 'age_missing_or_implausible']);

/** Which risk reasons a check result stands for (a country check can carry two). */
function reasonCodes(check: CheckResult): RiskReasonCode[] {
  if (check.status === 'pass' || check.status === 'skipped') return [];
  switch (check.check_id) {
    case 'required_fields':
      return ['required_fields_missing'];
    case 'age':
      return [check.status === 'fail' ? 'age_under_minimum' : 'age_missing_or_implausible'];
    case 'country_risk': {
      const codes: RiskReasonCode[] = [];
      const facts = countryRiskEvidence(check);
      if (facts?.fatf_list === 'call_for_action') codes.push('country_call_for_action');
      if (facts?.fatf_list === 'increased_monitoring') codes.push('country_increased_monitoring');
      if (facts !== null && facts.unrecognised.length > 0) codes.push('country_unrecognised');
      return codes;
    }
    case 'duplicates':
      return ['duplicate_identity'];
    case 'tokenized_pii':
      return ['tokenized_pii'];
    case 'vendor_verification':
      return [check.status === 'fail' ? 'vendor_verification_failed' : 'vendor_verification_pending'];
    case 'watchlist':
      // Hits are scored from `hits` below, one reason per hit.
      return [];
  }
}

/** Checks an approval cannot do without: skipped, they leave the record unscreened. */
const NEEDED_CHECKS: ReadonlySet<CheckResult['check_id']> = new Set(['watchlist', 'age', 'country_risk']);

/** A needed check that could not run for lack of data (not an organisation's age). */
export function isUnscreened(check: CheckResult): boolean {
  return check.status === 'skipped' && NEEDED_CHECKS.has(check.check_id) && !isNotApplicable(check);
}

/**
 * The hard stops (docs/product.md): under the minimum age, a confirmed sanctions hit, a country
 * or nationality on the FATF call-for-action list. Each makes the level high and blocks
 * approval unless a lead overrides.
 */
export function hardStops(
  checks: readonly CheckResult[],
  hits: readonly WatchlistHit[],
  confirmedEntries: ReadonlySet<string>,
): HardStop[] {
  const stops: HardStop[] = [];
  for (const check of checks) {
    if (check.check_id === 'age' && check.status === 'fail')
      stops.push({ code: 'under_minimum_age', label: check.reason });
    if (countryRiskEvidence(check)?.fatf_list === 'call_for_action')
      stops.push({ code: 'call_for_action_country', label: check.reason });
  }
  for (const hit of hits) {
    if (hit.entry.topic === 'sanction' && confirmedEntries.has(hit.entry.entry_id))
      stops.push({
        code: 'confirmed_sanctions_hit',
        label: `Confirmed sanctions match: ${hit.entry.name} on ${hit.entry.list}.`,
      });
  }
  return stops;
}

function levelOf(score: number, settings: KycSettings): RiskLevel {
  if (score >= settings.risk_bands.high) return 'high';
  return score >= settings.risk_bands.medium ? 'medium' : 'low';
}

/** The score as people read it: points from 0 to 100 (the SPA, alerts, the ledger). */
export function riskPoints(score: number): number {
  return Math.round(score * 100);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Risk score 0..1 = the sum of the weights of every reason found, capped at 1 (`capped`
 * says so); the band follows from the settings' cut-offs. Hits passed in are open or
 * confirmed (dismissed ones were filtered by the screening); any of them, and any hard
 * stop, makes the level high. An incomplete record (missing fields, no date of birth, a
 * needed check that could not run) is at least medium.
 */
export function assessRisk(
  checks: readonly CheckResult[],
  hits: readonly WatchlistHit[],
  settings: KycSettings,
  confirmedEntries: ReadonlySet<string> = new Set(),
): RiskAssessment {
  const weights = settings.risk_weights;
  const reasons: RiskReason[] = [];
  for (const hit of hits) {
    reasons.push({
      code: 'watchlist_hit',
      label: `Watchlist: ${hit.entry.name} on ${hit.entry.list} (match ${riskPoints(hit.score)}%)`,
      weight: weights.watchlist_hit,
    });
  }
  for (const check of checks) {
    for (const code of reasonCodes(check))
      reasons.push({ code, label: `${check.title}: ${check.reason}`, weight: weights[code] });
  }
  // Several hits add one weight, not one each: the level is already high.
  const counted = new Set<RiskReasonCode>();
  let sum = 0;
  for (const reason of reasons) {
    if (reason.code === 'watchlist_hit' && counted.has('watchlist_hit')) continue;
    counted.add(reason.code);
    sum += reason.weight;
  }
  let score = round(Math.min(1, sum));
  const stops = hardStops(checks, hits, confirmedEntries);
  const floors: { level: RiskLevel; label: string }[] = [];
  if (reasons.some((r) => ALWAYS_HIGH.has(r.code)) || stops.length > 0)
    score = Math.max(score, settings.risk_bands.high);
  const incomplete = [
    ...reasons.filter((r) => INCOMPLETE.has(r.code)).map((r) => r.label),
    ...checks.filter(isUnscreened).map((c) => `${c.title}: ${c.reason}`),
  ];
  if (incomplete.length > 0 && score < settings.risk_bands.medium) {
    score = settings.risk_bands.medium;
    floors.push({ level: 'medium', label: `Incomplete record, never low: ${incomplete.join('; ')}` });
  }
  reasons.sort((a, b) => b.weight - a.weight);
  return {
    score,
    level: levelOf(score, settings),
    reasons,
    capped: sum > 1,
    uncapped: round(sum),
    hard_stops: stops,
    floors,
  };
}
