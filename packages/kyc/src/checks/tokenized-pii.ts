import type { CheckResult, Identity } from '@kyc-review/contracts';
import type { CheckContext } from './check-context';
import { checkResult } from './check-context';

const TITLE = 'Tokenized PII';

/** Summary of the fields held as Blnk tokens; the checks that need them say "skipped". */
export function checkTokenizedPii(_identity: Identity, ctx: CheckContext): CheckResult {
  const fields = [...ctx.tokenized].sort();
  if (fields.length === 0) return checkResult('tokenized_pii', TITLE, 'pass', 'No field is tokenized.', { fields });
  return checkResult(
    'tokenized_pii',
    TITLE,
    'warn',
    `Tokenized: ${fields.join(', ')}. Checks that need these fields are skipped until they are revealed through Cloud.`,
    { fields },
  );
}
