import { describe, expect, it } from 'vitest';
import { contextFor } from '../../test/make-context';
import { makeIdentity } from '../../test/make-identity';
import { checkTokenizedPii } from './tokenized-pii';
import { checkVendorVerification } from './vendor-verification';

describe('tokenized PII', () => {
  it('lists fields tokenized by prefix or by meta_data.tokenized_fields', () => {
    const identity = makeIdentity({ street: 'FPT:s1', meta_data: { tokenized_fields: ['FirstName', 'NotAField'] } });
    const result = checkTokenizedPii(identity, contextFor(identity));
    expect(result.status).toBe('warn');
    expect(result.evidence['fields']).toEqual(['first_name', 'street']);
  });

  it('reads meta_data.tokenized_fields in the object form Blnk writes', () => {
    const identity = makeIdentity({
      meta_data: { tokenized_fields: { EmailAddress: true, LastName: false, PostCode: true } },
    });
    const result = checkTokenizedPii(identity, contextFor(identity));
    expect(result.status).toBe('warn');
    expect(result.evidence['fields']).toEqual(['email_address', 'post_code']);
  });

  it('passes when nothing is tokenized, and ignores a malformed list', () => {
    const identity = makeIdentity({ meta_data: { tokenized_fields: 'FirstName' } });
    expect(checkTokenizedPii(identity, contextFor(identity)).status).toBe('pass');
  });
});

describe('vendor verification', () => {
  const vendor = (meta_data: Record<string, unknown>) => checkVendorVerification(makeIdentity({ meta_data }));

  it.each([
    ['verified', 'pass'],
    ['Approved', 'pass'],
    ['failed', 'fail'],
    ['rejected', 'fail'],
    ['pending', 'warn'],
    ['weird', 'warn'],
  ])('reads status %s as %s', (status, expected) =>
    expect(vendor({ verification_status: status }).status).toBe(expected),
  );

  it('shows the verification metadata as evidence and names the provider', () => {
    const result = vendor({
      verification_status: 'verified',
      verification_provider: 'Smile ID',
      verification_reference: 'ref-1',
      other: 'x',
    });
    expect(result.evidence).toEqual({
      verification_status: 'verified',
      verification_provider: 'Smile ID',
      verification_reference: 'ref-1',
    });
    expect(result.reason).toContain('by Smile ID');
  });

  it('is skipped when no verification is recorded', () => expect(vendor({}).status).toBe('skipped'));
});
