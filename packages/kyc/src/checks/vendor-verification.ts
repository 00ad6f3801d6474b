import type { CheckResult, CheckStatus, Evidence, Identity } from '@kyc-review/contracts';
import type { CheckContext } from './check-context';
import { checkResult } from './check-context';

const TITLE = 'Vendor verification';

const STATUS_MEANING: Record<string, CheckStatus> = {
  verified: 'pass',
  passed: 'pass',
  approved: 'pass',
  success: 'pass',
  clear: 'pass',
  failed: 'fail',
  rejected: 'fail',
  declined: 'fail',
  denied: 'fail',
  pending: 'warn',
  in_progress: 'warn',
  processing: 'warn',
  review: 'warn',
  manual_review: 'warn',
};

/** Scalar `meta_data.verification_*` values, shown to the reviewer as they are. */
function verificationEvidence(identity: Identity): Evidence {
  const evidence: Evidence = {};
  for (const [key, value] of Object.entries(identity.meta_data)) {
    if (!key.startsWith('verification_')) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') evidence[key] = value;
  }
  return evidence;
}

/** A verification a vendor already recorded in metadata (e.g. `verification_status`). */
export function checkVendorVerification(identity: Identity, _ctx?: CheckContext): CheckResult {
  const evidence = verificationEvidence(identity);
  const recorded = evidence['verification_status'];
  if (recorded === undefined)
    return checkResult(
      'vendor_verification',
      TITLE,
      'skipped',
      'No vendor verification recorded in metadata.',
      evidence,
    );
  const provider =
    typeof evidence['verification_provider'] === 'string' ? ` by ${evidence['verification_provider']}` : '';
  // verificationEvidence keeps scalars only, so this is a string, number or boolean.
  const status = typeof recorded === 'string' ? recorded : JSON.stringify(recorded);
  const meaning = STATUS_MEANING[status.trim().toLowerCase()];
  if (meaning === undefined) {
    return checkResult(
      'vendor_verification',
      TITLE,
      'warn',
      `Verification${provider} has an unrecognised status "${status}".`,
      evidence,
    );
  }
  const said = { pass: 'passed', fail: 'failed', warn: 'is pending', skipped: 'was skipped' }[meaning];
  return checkResult(
    'vendor_verification',
    TITLE,
    meaning,
    `Verification${provider} ${said} (status "${status}").`,
    evidence,
  );
}
