import type { IdentityListQuery } from '@kyc-review/contracts';
import type { QueryFilter } from '../cloud/cloud-filters';

// `GET /api/identities` query → Cloud filters (docs/cloud-contract.md §6.2, §6.3). Cloud ANDs every
// filter and has no OR, so a search term becomes a few alternative filter sets whose
// results the service unites.

/** What to ask Cloud: one or more alternative filter sets, whose results are united. */
export type IdentityQueryPlan = { readonly alternatives: readonly (readonly QueryFilter[])[] };

/** `%` and `_` are LIKE wildcards with no escape in Cloud's syntax; `%` is dropped, `_` still matches itself. */
const likeTerm = (text: string) => `%${text.replaceAll('%', '')}%`;

/** Alternatives for `q`: an email (has "@"), else any name part, the organization name or the email. */
function searchAlternatives(q: string): QueryFilter[][] {
  const ilike = (field: string, text: string): QueryFilter => ({ field, op: 'ilike', value: likeTerm(text) });
  if (q.includes('@')) return [[ilike('email_address', q)]];
  const alternatives = ['first_name', 'last_name', 'organization_name', 'email_address'].map((field) => [
    ilike(field, q),
  ]);
  const words = q.split(/\s+/).filter((w) => w.replaceAll('%', '') !== '');
  const first = words[0];
  const last = words.at(-1);
  // "Jane Doe": first and last name together, which neither field matches alone.
  if (words.length >= 2 && first !== undefined && last !== undefined)
    alternatives.push([ilike('first_name', first), ilike('last_name', last)]);
  return alternatives;
}

export function planIdentityQuery(query: IdentityListQuery): IdentityQueryPlan {
  const common: QueryFilter[] = [];
  if (query.country !== undefined)
    common.push({ field: 'country', op: 'ilike', value: query.country.replaceAll('%', '') });
  if (query.identity_type !== undefined) common.push({ field: 'identity_type', op: 'eq', value: query.identity_type });
  if (query.kyc_status === 'never_reviewed') common.push({ field: 'meta_data.kyc_status', op: 'notexists' });
  else if (query.kyc_status !== undefined)
    common.push({ field: 'meta_data.kyc_status', op: 'eq', value: query.kyc_status });
  // A date compares with its whole precision, so `lte` a day includes all of that day (§6.2).
  if (query.created_from !== undefined) common.push({ field: 'created_at', op: 'gte', value: query.created_from });
  if (query.created_to !== undefined) common.push({ field: 'created_at', op: 'lte', value: query.created_to });

  const q = query.q?.replaceAll('%', '').trim();
  const alternatives = q === undefined || q === '' ? [common] : searchAlternatives(q).map((alt) => [...common, ...alt]);
  return { alternatives };
}
