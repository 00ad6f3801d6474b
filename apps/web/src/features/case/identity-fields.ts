import { RevealBody, type IdentityDto } from '@kyc-review/contracts';

type Field = keyof IdentityDto;

/** The fields shown on the case, in reading order, with their labels. */
export const IDENTITY_FIELDS: readonly { field: Field; label: string; types?: readonly string[] }[] = [
  { field: 'organization_name', label: 'Organization', types: ['organization'] },
  { field: 'first_name', label: 'First name', types: ['individual'] },
  { field: 'last_name', label: 'Last name', types: ['individual'] },
  { field: 'other_names', label: 'Other names', types: ['individual'] },
  { field: 'gender', label: 'Gender', types: ['individual'] },
  { field: 'dob', label: 'Date of birth', types: ['individual'] },
  { field: 'nationality', label: 'Nationality', types: ['individual'] },
  { field: 'email_address', label: 'Email' },
  { field: 'phone_number', label: 'Phone' },
  { field: 'street', label: 'Street' },
  { field: 'city', label: 'City' },
  { field: 'state', label: 'State' },
  { field: 'post_code', label: 'Post code' },
  { field: 'country', label: 'Country' },
  { field: 'category', label: 'Category' },
];

/** Fields Cloud can detokenize for us (RevealBody); any other tokenized field stays masked. */
export function revealableField(field: string): RevealBody['field'] | null {
  const parsed = RevealBody.shape.field.safeParse(field);
  return parsed.success ? parsed.data : null;
}

/** The name a reviewer knows the identity by; never a token. */
export function identityName(identity: IdentityDto): string {
  const tokenized = new Set(identity.tokenized_fields);
  if (identity.identity_type === 'organization' && identity.organization_name !== '') return identity.organization_name;
  const parts = (['first_name', 'last_name'] as const)
    .filter((f) => !tokenized.has(f) && identity[f] !== '')
    .map((f) => identity[f]);
  if (parts.length > 0) return parts.join(' ');
  return tokenized.has('first_name') || tokenized.has('last_name') ? 'Tokenized name' : identity.identity_id;
}

/** Shows a field as text; an empty value is "—". */
export function fieldText(identity: IdentityDto, field: Field): string {
  const value = identity[field];
  if (value === null || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
