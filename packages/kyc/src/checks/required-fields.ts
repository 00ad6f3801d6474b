import type { CheckResult, Identity } from '@kyc-review/contracts';
import { parsePartialDate } from '../identity/dob';
import type { TextField } from '../identity/tokenized';
import type { CheckContext } from './check-context';
import { checkResult } from './check-context';

const TITLE = 'Required fields';

export const REQUIRED_FIELDS: Record<'individual' | 'organization', readonly TextField[]> = {
  individual: ['first_name', 'last_name', 'email_address', 'dob', 'nationality', 'country', 'street', 'city'],
  organization: ['organization_name', 'email_address', 'country'],
};

function isPresent(identity: Identity, field: TextField, ctx: CheckContext): boolean {
  // A tokenized value is present: the data exists, we just may not read it.
  if (ctx.tokenized.has(field)) return true;
  const value = identity[field].trim();
  return field === 'dob' ? parsePartialDate(value) !== null : value !== '';
}

/** The fields docs/product.md requires for the identity's type; missing ones are a warning. */
export function checkRequiredFields(identity: Identity, ctx: CheckContext): CheckResult {
  const type = identity.identity_type.trim().toLowerCase();
  if (type !== 'individual' && type !== 'organization') {
    return checkResult(
      'required_fields',
      TITLE,
      'warn',
      `Identity type "${identity.identity_type}" is neither individual nor organization, so the required fields are unknown.`,
      {
        identity_type: identity.identity_type,
      },
    );
  }
  const missing = REQUIRED_FIELDS[type].filter((field) => !isPresent(identity, field, ctx));
  const evidence = {
    identity_type: type,
    missing,
    tokenized: REQUIRED_FIELDS[type].filter((f) => ctx.tokenized.has(f)),
  };
  if (missing.length === 0)
    return checkResult('required_fields', TITLE, 'pass', `All fields required for an ${type} are present.`, evidence);
  return checkResult('required_fields', TITLE, 'warn', `Missing for an ${type}: ${missing.join(', ')}.`, evidence);
}
