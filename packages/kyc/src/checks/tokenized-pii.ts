import type { CheckResult, Identity } from '@kyc-review/contracts';
import type { CheckContext } from './check-context';
import { checkResult } from './check-context';

const TITLE = 'Tokenized PII';

/**
 * Summary of the fields held as Blnk tokens; the checks that need them say "skipped". Fields
 * revealed for this assessment are still tokenized at rest: listed, and said to be read.
 */
export function checkTokenizedPii(_identity: Identity, ctx: CheckContext): CheckResult {
  const revealed = [...ctx.revealed].sort();
  const still = [...ctx.tokenized].sort();
  const fields = [...new Set([...still, ...revealed])].sort();
  if (fields.length === 0) return checkResult('tokenized_pii', TITLE, 'pass', 'No field is tokenized.', { fields });
  const read = revealed.length > 0 ? ` Revealed and checked in this assessment: ${revealed.join(', ')}.` : '';
  const skipped =
    still.length === 0
      ? ''
      : revealed.length > 0
        ? ` Checks that need ${still.join(', ')} are skipped until revealed through Cloud.`
        : ' Checks that need these fields are skipped until they are revealed through Cloud.';
  return checkResult('tokenized_pii', TITLE, 'warn', `Tokenized: ${fields.join(', ')}.${read}${skipped}`, {
    fields,
    revealed,
  });
}
