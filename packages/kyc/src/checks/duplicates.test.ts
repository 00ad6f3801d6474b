import { describe, expect, it } from 'vitest';
import { contactKeys, normaliseEmail, normalisePhone, phoneKey } from '../identity/contact-keys';
import { contextFor } from '../../test/make-context';
import { makeIdentity } from '../../test/make-identity';
import { checkDuplicates } from './duplicates';

describe('contact normalisation', () => {
  it('folds case, plus-tags everywhere and dots only on Gmail', () => {
    expect(normaliseEmail(' Ada.Lovelace+kyc@GoogleMail.com ')).toBe('adalovelace@gmail.com');
    expect(normaliseEmail('ada.lovelace+kyc@example.com')).toBe('ada.lovelace@example.com');
    expect(normaliseEmail('not-an-email')).toBeNull();
  });

  it('reads national phone numbers in the identity country', () => {
    expect(normalisePhone('020 7946 0958', 'United Kingdom')).toBe('+442079460958');
    expect(normalisePhone('+44 20 7946 0958', 'Canada')).toBe('+442079460958');
    expect(normalisePhone('12', 'Canada')).toBeNull();
  });
});

describe('phone keys', () => {
  it('fall back to the digits (seven or more) when the phone library rejects the number', () => {
    // 555 numbers are fictional: libphonenumber rejects them, the seeded data uses them.
    expect(normalisePhone('+1 555 0100 123', 'United States')).toBeNull();
    expect(phoneKey('+1 (555) 0100-123', 'United States')).toEqual({ key: 'digits:15550100123', kind: 'digits' });
    expect(phoneKey('001 555 0100 123', 'Canada')).toEqual({ key: 'digits:15550100123', kind: 'digits' });
    expect(phoneKey('12-34', 'Canada')).toBeNull();
    expect(phoneKey('020 7946 0958', 'United Kingdom')).toEqual({ key: '+442079460958', kind: 'e164' });
  });

  it('meet across the national and international forms of a number in a test range', () => {
    // 07700 900… is reserved for drama: a possible length, but no valid range.
    const national = phoneKey('07700-983452', 'GB');
    expect(national).toEqual({ key: 'digits:447700983452', kind: 'digits' });
    expect(phoneKey('+44 7700 983452', 'United Kingdom')).toEqual(national);
    expect(phoneKey('+447700983452', 'Canada')).toEqual(national);
  });

  it('meet across formatting variants of a rejected number and say the digits matched', () => {
    const a = makeIdentity({ phone_number: '+1 555-0100-123' });
    const b = makeIdentity({ phone_number: '+1 (555) 0100 123', first_name: 'Grace', last_name: 'Hopper' });
    const result = checkDuplicates(a, contextFor(a, { candidates: [b] }));
    expect(result.evidence['matches']).toEqual([
      { identity_id: b.identity_id, name: 'Grace Hopper', matched: ['phone number (same digits)'] },
    ]);
  });
});

describe('name and date of birth keys', () => {
  it('match first and last name whatever the middle and other names, after the screening folding', () => {
    const plain = contactKeys(makeIdentity({ first_name: 'Zoë', last_name: 'Núñez' }));
    expect(plain.nameDob).toBe('nunez zoe|1990-12-10');
    for (const variant of [
      { first_name: 'ZOE Maria', last_name: 'Nunez' },
      { first_name: 'Zoe', other_names: 'Maria Luisa', last_name: 'NÚÑEZ' },
      { first_name: 'Nunez', last_name: 'Zoe' },
    ])
      expect(contactKeys(makeIdentity(variant)).nameDob).toBe(plain.nameDob);
    expect(contactKeys(makeIdentity({ first_name: 'Maria', last_name: 'Nunez' })).nameDob).not.toBe(plain.nameDob);
    expect(contactKeys(makeIdentity({ first_name: 'Зоя', last_name: 'Нуньес' })).nameDob).toMatch(/\|1990-12-10$/);
  });

  it('need a full date of birth', () => {
    expect(contactKeys(makeIdentity({ dob: '1990' })).nameDob).toBeNull();
    expect(contactKeys(makeIdentity({ dob: '0001-01-01T00:00:00Z' })).nameDob).toBeNull();
  });
});

describe('duplicates', () => {
  const identity = makeIdentity({ email_address: 'ada.lovelace@gmail.com', phone_number: '020 7946 0958' });

  it('warns with the ids and what matched', () => {
    const sameEmail = makeIdentity({ email_address: 'AdaLovelace+x@gmail.com' });
    const samePhone = makeIdentity({ phone_number: '+44 20 7946 0958' });
    const sameNameDob = makeIdentity({ first_name: 'LOVELACE', last_name: 'Ada', email_address: 'other@example.com' });
    const stranger = makeIdentity({ first_name: 'Grace', last_name: 'Hopper', dob: '1906-12-09' });
    const result = checkDuplicates(
      identity,
      contextFor(identity, { candidates: [identity, sameEmail, samePhone, sameNameDob, stranger] }),
    );
    expect(result.status).toBe('warn');
    const nameDob = 'first and last name and date of birth';
    expect(result.evidence['matches']).toEqual([
      { identity_id: sameEmail.identity_id, name: 'Ada Lovelace', matched: ['email', nameDob] },
      { identity_id: samePhone.identity_id, name: 'Ada Lovelace', matched: ['phone number (E.164)', nameDob] },
      { identity_id: sameNameDob.identity_id, name: 'LOVELACE Ada', matched: [nameDob] },
    ]);
    expect(result.reason).toContain('Ada Lovelace (email, first and last name and date of birth)');
  });

  it('passes when nothing matches, and is skipped when the keys are tokenized', () => {
    const other = makeIdentity({ first_name: 'Grace', last_name: 'Hopper' });
    expect(checkDuplicates(identity, contextFor(identity, { candidates: [other] })).status).toBe('pass');
    const tokenized = makeIdentity({
      email_address: 'FPT:1',
      meta_data: { tokenized_fields: ['PhoneNumber'] },
      phone_number: 'tok',
    });
    const result = checkDuplicates(tokenized, contextFor(tokenized, { candidates: [other] }));
    expect(result.status).toBe('skipped');
    expect(result.reason).toBe('skipped: tokenized (email_address, phone_number)');
  });
});
