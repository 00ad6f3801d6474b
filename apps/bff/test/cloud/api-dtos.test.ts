import { describe, expect, it } from 'vitest';
import { CreateAlertBody, IdentityListQuery, UpdateAlertBody } from '@kyc-review/contracts';

// The SPA-facing DTOs this client's data will be served through: query strings coerce,
// blanks mean "not set", and every text is bounded.

describe('IdentityListQuery', () => {
  it('coerces a query string and fills defaults', () => {
    expect(
      IdentityListQuery.parse({ page: '2', pageSize: '50', kyc_status: 'never_reviewed', q: '  ', country: 'Canada' }),
    ).toEqual({
      page: 2,
      pageSize: 50,
      kyc_status: 'never_reviewed',
      q: undefined,
      country: 'Canada',
      sort: 'created_at_desc',
    });
    expect(IdentityListQuery.parse({})).toMatchObject({ page: 1, pageSize: 20, sort: 'created_at_desc' });
  });

  it('refuses what Cloud cannot serve', () => {
    for (const bad of [
      { pageSize: '500' },
      { page: '0' },
      { page: 'x' },
      { kyc_status: 'maybe' },
      { identity_type: 'robot' },
      { q: 'x'.repeat(101) },
      { created_from: '2024-13-01' },
    ]) {
      expect(IdentityListQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const range = IdentityListQuery.safeParse({ created_from: '2025-02-01', created_to: '2025-01-01' });
    expect(range.success).toBe(false);
    expect(range.error?.issues[0]?.path).toEqual(['created_from']);
  });
});

describe('alert bodies', () => {
  it('needs a description to flag, and bounds its length', () => {
    expect(CreateAlertBody.parse({ description: ' Document mismatch ' })).toEqual({ description: 'Document mismatch' });
    expect(CreateAlertBody.safeParse({ title: 'x' }).success).toBe(false);
    expect(CreateAlertBody.safeParse({ description: 'x'.repeat(2_001) }).success).toBe(false);
  });

  it('needs a status or a description to update', () => {
    expect(UpdateAlertBody.safeParse({}).success).toBe(false);
    expect(UpdateAlertBody.parse({ status: 'RESOLVED', extra: 1 })).toEqual({ status: 'RESOLVED' });
  });
});
