import type { CheckId, CheckResult, CheckStatus, Evidence, Identity, KycSettings } from '@kyc-review/contracts';
import type { TextField } from '../identity/tokenized';

/** Everything a check may look at besides the identity. No clock: `today` is given. */
export interface CheckContext {
  readonly settings: KycSettings;
  readonly today: Date;
  /** Other identities of the same instance, for the duplicates check. */
  readonly candidates: readonly Identity[];
  readonly tokenized: ReadonlySet<TextField>;
  /** Tokenized fields revealed for this assessment only (no longer in `tokenized`). */
  readonly revealed: ReadonlySet<TextField>;
}

export function checkResult(
  check_id: CheckId,
  title: string,
  status: CheckStatus,
  reason: string,
  evidence: Evidence = {},
): CheckResult {
  return { check_id, status, title, reason, evidence };
}

/** The reason every check gives when a field it needs is tokenized. */
export function skippedTokenized(fields: readonly string[]): string {
  return `skipped: tokenized (${fields.join(', ')})`;
}

/** ISO calendar date (YYYY-MM-DD) of a Date, in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
