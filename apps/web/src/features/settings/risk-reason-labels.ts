import type { RiskReasonCode } from '@kyc-review/contracts';

/** Names of the risk factors whose weights the settings set. */
export const RISK_REASON_LABELS: Readonly<Record<RiskReasonCode, string>> = {
  watchlist_hit: 'Watchlist hit',
  country_call_for_action: 'Country: call for action',
  country_increased_monitoring: 'Country: increased monitoring',
  country_unrecognised: 'Country not recognised',
  age_under_minimum: 'Under minimum age',
  age_missing_or_implausible: 'Age missing or implausible',
  required_fields_missing: 'Required fields missing',
  duplicate_identity: 'Duplicate identity',
  vendor_verification_failed: 'Vendor verification failed',
  vendor_verification_pending: 'Vendor verification pending',
  tokenized_pii: 'Tokenized personal data',
};
