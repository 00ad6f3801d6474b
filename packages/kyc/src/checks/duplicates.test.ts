import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '../identity/contact-keys';
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
    expect(result.evidence['matches']).toEqual([
      { identity_id: sameEmail.identity_id, matched: ['email', 'name and date of birth'] },
      { identity_id: samePhone.identity_id, matched: ['phone number', 'name and date of birth'] },
      { identity_id: sameNameDob.identity_id, matched: ['name and date of birth'] },
    ]);
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
