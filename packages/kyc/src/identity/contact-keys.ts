import type { Identity } from '@kyc-review/contracts';
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { resolveCountry } from '../country/resolve-country';
import { normaliseNameWords } from '../screening/prepared-name';
import { parsePartialDate } from './dob';
import { readable, tokenizedFields, type TextField } from './tokenized';

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

/** Fewer digits than this say too little about a person to call two records duplicates. */
const MIN_FALLBACK_DIGITS = 7;

/**
 * Phone in E.164, reading national numbers in the identity's country; null when the phone
 * library cannot make a valid number of it (see `phoneKey` for the fallback).
 */
export function normalisePhone(phone: string, countryText: string): string | null {
  if (phone.trim() === '') return null;
  const region = resolveCountry(countryText);
  const parsed = parsePhoneNumberFromString(phone, region !== null && isSupportedCountry(region) ? region : undefined);
  return parsed?.isValid() === true ? parsed.number : null;
}

type PhoneKey = { readonly key: string; readonly kind: 'e164' | 'digits' };
/** Phone keys kept, by country text and number: parsing a number is the costliest part of the keys. */
const PHONE_KEY_CACHE = 4_096;
const phoneKeys = new Map<string, PhoneKey | null>();

/**
 * The phone's duplicate key: E.164 when the library can read it; otherwise its digits (at
 * least seven): with the country code when the number has a possible length (so "07700
 * 900123" in the UK meets "+44 7700 900123"), else as written, an international "00"
 * dropped, so formatting variants of a number the library rejects still meet.
 */
export function phoneKey(phone: string, countryText: string): PhoneKey | null {
  const cacheKey = `${countryText}\u0000${phone}`;
  const cached = phoneKeys.get(cacheKey);
  if (cached !== undefined) return cached;
  // Bounded: a sync reads each identity's phone more than once (its mirror keys, its duplicates
  // check), then moves on; dropping the lot when full keeps the cache cheap (decision 019).
  if (phoneKeys.size >= PHONE_KEY_CACHE) phoneKeys.clear();
  const key = parsePhoneKey(phone, countryText);
  phoneKeys.set(cacheKey, key);
  return key;
}

function parsePhoneKey(phone: string, countryText: string): PhoneKey | null {
  const e164 = normalisePhone(phone, countryText);
  if (e164 !== null) return { key: e164, kind: 'e164' };
  // A number of a possible length but no valid range (test ranges such as 07700 900…): its
  // country code and national digits, so the national form meets the international one.
  const region = resolveCountry(countryText);
  const possible = parsePhoneNumberFromString(
    phone,
    region !== null && isSupportedCountry(region) ? region : undefined,
  );
  if (possible?.isPossible() === true && possible.nationalNumber.length >= MIN_FALLBACK_DIGITS)
    return { key: `digits:${possible.countryCallingCode}${possible.nationalNumber}`, kind: 'digits' };
  const digits = phone.replace(/\D/g, '').replace(/^00/, '');
  return digits.length >= MIN_FALLBACK_DIGITS ? { key: `digits:${digits}`, kind: 'digits' } : null;
}

export interface ContactKeys {
  readonly email: string | null;
  /** E.164 (`+…`) or the digits fallback (`digits:…`). */
  readonly phone: string | null;
  /** First and last name (other and middle names ignored, word order ignored) and full date of birth. */
  readonly nameDob: string | null;
}

/**
 * First given name + every word of the last name, folded as the screening folds names
 * (transliteration, accents, case, titles), in word order ignored: "Ada Maria Lovelace",
 * "Ada Lovelace" with other names "Augusta", and "LOVELACE Ada" meet.
 */
function personKey(identity: Identity, tokenized: ReadonlySet<TextField>): string {
  const first = normaliseNameWords(readable(identity, 'first_name', tokenized))[0];
  const last = normaliseNameWords(readable(identity, 'last_name', tokenized));
  if (first === undefined || last.length === 0) return '';
  return [first, ...last].sort().join(' ');
}

/**
 * The keys two identities are compared on (duplicates check) and looked up by (the BFF's
 * mirror): one function for both. Tokenized fields give no key.
 */
export function contactKeys(identity: Identity): ContactKeys {
  // The same record is keyed for the mirror and then compared by its duplicates check.
  const known = keysOf.get(identity);
  if (known !== undefined) return known;
  const keys = deriveContactKeys(identity);
  keysOf.set(identity, keys);
  return keys;
}

/** Keys by record object (records are read-only once parsed: a reveal makes a new one). */
const keysOf = new WeakMap<Identity, ContactKeys>();

function deriveContactKeys(identity: Identity): ContactKeys {
  const tokenized = tokenizedFields(identity);
  const name = personKey(identity, tokenized);
  const dob = parsePartialDate(readable(identity, 'dob', tokenized));
  return {
    email: normaliseEmail(readable(identity, 'email_address', tokenized)),
    phone:
      phoneKey(readable(identity, 'phone_number', tokenized), readable(identity, 'country', tokenized))?.key ?? null,
    nameDob:
      name === '' || dob === null || dob.day === null
        ? null
        : `${name}|${String(dob.year)}-${String(dob.month).padStart(2, '0')}-${String(dob.day).padStart(2, '0')}`,
  };
}
