import { describe, expect, it } from 'vitest';
import { IdentityListQuery } from '@kyc-review/contracts';
import { planIdentityQuery } from '../../src/services/identity-query';

// The query → Cloud filter translation on its own: Cloud has no OR, so a search term
// becomes alternatives that all carry the other filters.

const plan = (query: Record<string, string>) => planIdentityQuery(IdentityListQuery.parse(query)).alternatives;

describe('planIdentityQuery', () => {
  it('no search: one filter set with every filter, never-reviewed as notexists', () => {
    expect(
      plan({
        country: 'Canada',
        identity_type: 'individual',
        kyc_status: 'never_reviewed',
        created_from: '2025-01-01',
        created_to: '2025-01-31',
      }),
    ).toEqual([
      [
        { field: 'country', op: 'ilike', value: 'Canada' },
        { field: 'identity_type', op: 'eq', value: 'individual' },
        { field: 'meta_data.kyc_status', op: 'notexists' },
        { field: 'created_at', op: 'gte', value: '2025-01-01' },
        { field: 'created_at', op: 'lte', value: '2025-01-31' },
      ],
    ]);
    expect(plan({ kyc_status: 'approved' })).toEqual([
      [{ field: 'meta_data.kyc_status', op: 'eq', value: 'approved' }],
    ]);
  });

  it('an email term searches the email only; a name searches each name field and first + last', () => {
    expect(plan({ q: 'Ana@Example.com' })).toEqual([
      [{ field: 'email_address', op: 'ilike', value: '%Ana@Example.com%' }],
    ]);
    const byName = plan({ q: 'Ana  Lima', identity_type: 'individual' });
    expect(byName).toHaveLength(5);
    expect(byName.every((alt) => alt[0]?.field === 'identity_type')).toBe(true);
    expect(byName.at(-1)).toEqual([
      { field: 'identity_type', op: 'eq', value: 'individual' },
      { field: 'first_name', op: 'ilike', value: '%Ana%' },
      { field: 'last_name', op: 'ilike', value: '%Lima%' },
    ]);
  });

  it('drops the % wildcard from terms, and a term of wildcards alone is no search', () => {
    expect(plan({ q: '%a%' })[0]).toEqual([{ field: 'first_name', op: 'ilike', value: '%a%' }]);
    expect(plan({ q: '%%' })).toEqual([[]]);
  });
});
