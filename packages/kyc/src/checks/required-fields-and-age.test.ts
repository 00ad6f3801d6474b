import { describe, expect, it } from 'vitest';
import { contextFor } from '../../test/make-context';
import { makeIdentity } from '../../test/make-identity';
import { checkAge } from './age';
import { checkRequiredFields } from './required-fields';

const required = (overrides: Record<string, unknown>) => {
  const identity = makeIdentity(overrides);
  return checkRequiredFields(identity, contextFor(identity));
};
const age = (dob: string, overrides: Record<string, unknown> = {}) => {
  const identity = makeIdentity({ dob, ...overrides });
  return checkAge(identity, contextFor(identity));
};

describe('required fields', () => {
  it('passes a complete individual', () => expect(required({}).status).toBe('pass'));

  it('warns with the missing individual fields, the zero dob counting as missing', () => {
    const result = required({ street: '', city: ' ', dob: '0001-01-01T00:00:00Z' });
    expect(result.status).toBe('warn');
    expect(result.evidence['missing']).toEqual(['dob', 'street', 'city']);
    expect(result.reason).toBe('Missing for an individual: dob, street, city.');
  });

  it('asks an organization only for its name, email and country', () => {
    expect(
      required({ identity_type: 'organization', organization_name: 'Acme', first_name: '', last_name: '', dob: '' })
        .status,
    ).toBe('pass');
    expect(required({ identity_type: 'organization', organization_name: '' }).evidence['missing']).toEqual([
      'organization_name',
    ]);
  });

  it('warns on an unknown identity type', () => {
    const result = required({ identity_type: 'trust' });
    expect(result.status).toBe('warn');
    expect(result.reason).toContain('"trust"');
  });

  it('counts a tokenized field as present', () => {
    expect(required({ first_name: 'FPT:abc' }).status).toBe('pass');
  });
});

describe('age', () => {
  it('passes an adult and shows the age computed on the given day', () => {
    const result = age('1990-12-10T00:00:00Z');
    expect(result.status).toBe('pass');
    expect(result.evidence['age']).toBe(35);
    expect(result.evidence['as_of']).toBe('2026-11-22');
  });

  it('fails under the minimum age, counting the birthday exactly', () => {
    expect(age('2008-11-23T00:00:00Z').status).toBe('fail');
    expect(age('2008-11-22T00:00:00Z').status).toBe('pass');
  });

  it('warns when the dob is missing, zero, invalid, in the future or over 120 years ago', () => {
    expect(age('').reason).toBe('Date of birth is missing.');
    expect(age('0001-01-01T00:00:00Z').status).toBe('warn');
    expect(age('1990-02-30').reason).toContain('not a valid date');
    expect(age('2030-01-01').status).toBe('warn');
    expect(age('1900-01-01').reason).toContain('implausible');
  });

  it('is skipped for organizations and for a tokenized dob', () => {
    expect(age('', { identity_type: 'organization' }).status).toBe('skipped');
    const tokenized = age('FPT:xyz');
    expect(tokenized.status).toBe('skipped');
    expect(tokenized.reason).toBe('skipped: tokenized (dob)');
  });
});
