import { describe, expect, it } from 'vitest';
import { appendDataFilters, filterApiBody } from '../../src/cloud/cloud-filters';
import { dataListParams, pageParams } from '../../src/cloud/page-query';

describe('Data API filter parameters', () => {
  it('writes {field}_{op}=value, comma lists, pipe ranges and metadata dot paths', () => {
    const params = new URLSearchParams();
    appendDataFilters(params, 'transactions', [
      { field: 'balance_id', op: 'in', values: ['bln_a', 'bln_b'] },
      { field: 'status', op: 'eq', value: 'APPLIED' },
      { field: 'created_at', op: 'between', values: ['2024-01-01', '2024-02-01'] },
      { field: 'meta_data.kyc_case_id', op: 'isnotnull' },
    ]);
    expect(params.toString()).toBe(
      'balance_id_in=bln_a%2Cbln_b&status_eq=APPLIED&created_at_between=2024-01-01%7C2024-02-01&meta_data.kyc_case_id_isnotnull=true',
    );
  });

  it('escapes values so that a value cannot add a parameter', () => {
    const params = dataListParams('identities', {
      filters: [{ field: 'first_name', op: 'ilike', value: '%a&instance_id=inst_other%' }],
    });
    expect(params.getAll('instance_id')).toEqual([]);
    expect(params.get('first_name_ilike')).toBe('%a&instance_id=inst_other%');
    expect(params.get('page')).toBe('1');
    expect(params.get('pageSize')).toBe('20');
  });

  it('refuses reserved or unknown fields, and separators inside list values', () => {
    const attempt = (filter: Parameters<typeof appendDataFilters>[2][number]) => () =>
      appendDataFilters(new URLSearchParams(), 'identities', [filter]);
    expect(attempt({ field: 'instance_id', op: 'eq', value: 'inst_x' })).toThrow(/not a filterable field/);
    expect(attempt({ field: 'page', op: 'eq', value: '2' })).toThrow(/not a filterable field/);
    expect(attempt({ field: 'meta_data.', op: 'eq', value: 'x' })).toThrow(/not a filterable field/);
    expect(attempt({ field: 'country', op: 'in', values: ['Canada', 'Korea, Republic of'] })).toThrow(
      /cannot contain ","/,
    );
    expect(attempt({ field: 'created_at', op: 'between', values: ['2024|01', '2025'] })).toThrow(/cannot contain "\|"/);
    expect(attempt({ field: 'country', op: 'in', values: [] })).toThrow(/1 to 100 values/);
    expect(attempt({ field: 'first_name', op: 'eq', value: 'x'.repeat(257) })).toThrow(/256 characters/);
  });

  it('bounds page and pageSize', () => {
    expect(pageParams({ page: 3, pageSize: 100 }).toString()).toBe('page=3&pageSize=100');
    expect(() => pageParams({ pageSize: 101 })).toThrow(/pageSize/);
    expect(() => pageParams({ page: 0 })).toThrow(/page/);
    expect(() => pageParams({ page: 1.5 })).toThrow(/page/);
  });
});

describe('Filters API body', () => {
  it('uses value, values, or neither as the operator needs', () => {
    expect(
      filterApiBody('identities', [
        { field: 'meta_data.kyc_status', op: 'notexists' },
        { field: 'identity_type', op: 'eq', value: 'individual' },
        { field: 'country', op: 'in', values: ['Canada', 'Ghana'] },
      ]),
    ).toEqual({
      filters: [
        { field: 'meta_data.kyc_status', operator: 'notexists' },
        { field: 'identity_type', operator: 'eq', value: 'individual' },
        { field: 'country', operator: 'in', values: ['Canada', 'Ghana'] },
      ],
    });
  });

  it('allows exists/notexists on metadata keys only', () => {
    expect(() => filterApiBody('identities', [{ field: 'country', op: 'exists' }])).toThrow(/metadata keys only/);
  });
});
