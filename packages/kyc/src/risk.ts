import type {
  CheckResult,
  KycSettings,
  RiskAssessment,
  RiskLevel,
  RiskReason,
  RiskReasonCode,
  WatchlistHit,
} from '@kyc-review/contracts';

/** Reasons that make the level high on their own, whatever weights an install sets. */
const ALWAYS_HIGH: ReadonlySet<RiskReasonCode> = new Set(['watchlist_hit', 'country_call_for_action']);

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
      const list = check.evidence['fatf_list'];
      if (list === 'call_for_action') codes.push('country_call_for_action');
      if (list === 'increased_monitoring') codes.push('country_increased_monitoring');
      const unrecognised = check.evidence['unrecognised'];
      if (Array.isArray(unrecognised) && unrecognised.length > 0) codes.push('country_unrecognised');
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

function levelOf(score: number, settings: KycSettings): RiskLevel {
  if (score >= settings.risk_bands.high) return 'high';
  return score >= settings.risk_bands.medium ? 'medium' : 'low';
}

/**
 * Risk score 0..1 = the sum of the weights of every reason found, capped at 1; the band
 * follows from the settings' cut-offs. Hits passed in are open or confirmed (dismissed
 * ones were filtered by the screening); any of them makes the level high.
 */
export function assessRisk(
  checks: readonly CheckResult[],
  hits: readonly WatchlistHit[],
  settings: KycSettings,
): RiskAssessment {
  const weights = settings.risk_weights;
  const reasons: RiskReason[] = [];
  for (const hit of hits) {
    reasons.push({
      code: 'watchlist_hit',
      label: `Watchlist: ${hit.entry.name} on ${hit.entry.list} (score ${hit.score.toFixed(2)})`,
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
  let score = Math.round(Math.min(1, sum) * 1000) / 1000;
  const forced = reasons.some((r) => ALWAYS_HIGH.has(r.code));
  if (forced) score = Math.max(score, settings.risk_bands.high);
  reasons.sort((a, b) => b.weight - a.weight);
  return { score, level: levelOf(score, settings), reasons };
}
