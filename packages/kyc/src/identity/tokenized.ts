import { TOKEN_PREFIX, TOKENIZABLE_FIELDS } from '@kyc-review/contracts';
import type { Identity } from '@kyc-review/contracts';
import { z } from 'zod';

/** Identity fields that hold text a check may read. */
export const TEXT_FIELDS = [
  'identity_type',
  'organization_name',
  'first_name',
  'last_name',
  'other_names',
  'email_address',
  'phone_number',
  'nationality',
  'street',
  'country',
  'state',
  'post_code',
  'city',
  'dob',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/**
 * Blnk writes `{"FirstName": true, …}` (docs/cloud-contract.md §7); a plain list of names is tolerated
 * too. Either way the result is the PascalCase names that are tokenized.
 */
const TokenizedFieldsMeta = z
  .union([z.record(z.string(), z.unknown()), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : Object.keys(v).filter((name) => v[name] === true)));
const isTokenizableName = (name: string): name is keyof typeof TOKENIZABLE_FIELDS =>
  Object.hasOwn(TOKENIZABLE_FIELDS, name);

/**
 * Fields whose value is a Blnk token rather than the data: either the value starts with
 * "FPT:" or the field is named (PascalCase) in `meta_data.tokenized_fields`.
 */
export function tokenizedFields(identity: Identity): ReadonlySet<TextField> {
  const fields = new Set<TextField>();
  for (const field of TEXT_FIELDS) if (identity[field].startsWith(TOKEN_PREFIX)) fields.add(field);
  const listed = TokenizedFieldsMeta.safeParse(identity.meta_data['tokenized_fields']);
  if (listed.success) {
    for (const name of listed.data) if (isTokenizableName(name)) fields.add(TOKENIZABLE_FIELDS[name]);
  }
  return fields;
}

/** The field's value when it can be read: trimmed, and '' when empty or tokenized. */
export function readable(identity: Identity, field: TextField, tokenized: ReadonlySet<TextField>): string {
  return tokenized.has(field) ? '' : identity[field].trim();
}
