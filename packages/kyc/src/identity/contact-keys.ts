import type { Identity } from '@kyc-review/contracts';
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { resolveCountry } from '../country/resolve-country';
import { normaliseName } from '../screening/prepared-name';
import { parsePartialDate } from './dob';
import { readable, tokenizedFields } from './tokenized';

/** Mailbox providers known to ignore dots in the local part. */
const DOT_BLIND_DOMAINS: ReadonlyMap<string, string> = new Map([
  ['gmail.com', 'gmail.com'],
  ['googlemail.com', 'gmail.com'],
]);

/**
 * Email as the mailbox it reaches: lowercase, trimmed, "+tag" removed for every domain
 * (most providers deliver plus-addressed mail to the base box, and a duplicate is only
 * a warning), dots removed only where the provider ignores them (Gmail).
 */
export function normaliseEmail(email: string): string | null {
  const value = email.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  let local = value.slice(0, at).replace(/\+.*$/, '');
  let domain = value.slice(at + 1);
  const dotBlind = DOT_BLIND_DOMAINS.get(domain);
  if (dotBlind !== undefined) {
    local = local.replaceAll('.', '');
    domain = dotBlind;
  }
  return local === '' ? null : `${local}@${domain}`;
}

/** Phone in E.164, reading national numbers in the identity's country. */
export function normalisePhone(phone: string, countryText: string): string | null {
  if (phone.trim() === '') return null;
  const region = resolveCountry(countryText);
  const parsed = parsePhoneNumberFromString(phone, region !== null && isSupportedCountry(region) ? region : undefined);
  return parsed?.isValid() === true ? parsed.number : null;
}

export interface ContactKeys {
  readonly email: string | null;
  readonly phone: string | null;
  /** Normalised full name (word order ignored) and date of birth. */
  readonly nameDob: string | null;
}

/** The keys two identities are compared on; tokenized fields give no key. */
export function contactKeys(identity: Identity): ContactKeys {
  const tokenized = tokenizedFields(identity);
  const name = normaliseName(
    (['first_name', 'other_names', 'last_name'] as const).map((f) => readable(identity, f, tokenized)).join(' '),
  );
  const dob = parsePartialDate(readable(identity, 'dob', tokenized));
  return {
    email: normaliseEmail(readable(identity, 'email_address', tokenized)),
    phone: normalisePhone(readable(identity, 'phone_number', tokenized), readable(identity, 'country', tokenized)),
    nameDob:
      name === '' || dob === null || dob.day === null
        ? null
        : `${name}|${String(dob.year)}-${String(dob.month)}-${String(dob.day)}`,
  };
}
