import { blankIdentity, type IdentityRow } from '../state/records';
import { dobFor, type SeedContext } from './context';
import { PLAIN_GIVEN, PLAIN_PLACES } from './name-parts';

// Building blocks for seed identities: an ordinary complete customer, and the helpers
// scenarios use to bend one into a case a KYC check should catch.

const STREETS = [
  'Maple Avenue',
  'Harbour Road',
  'Station Street',
  'Queensway',
  'Rue des Lilas',
  'Allee 7',
  'Market Lane',
  'Cedar Close',
];
const ORG_WORDS = [
  'Brightwater',
  'Northwind',
  'Copperleaf',
  'Bluestone',
  'Harbourline',
  'Silverfern',
  'Oakridge',
  'Lumen',
];
const ORG_KINDS = ['Logistics Ltd', 'Trading GmbH', 'Holdings Inc.', 'Foods Plc', 'Ventures LLC', 'Textiles SA'];

export function asciiLower(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')
    .toLowerCase();
}

/** A phone number in E.164-ish form from a country prefix. */
export function phoneFor(ctx: SeedContext, prefix: string): string {
  return `${prefix}${String(ctx.prng.int(200_000_000, 999_999_999))}`;
}

export function emptyIdentity(ctx: SeedContext): IdentityRow {
  return { ...blankIdentity(ctx.id('idt_'), ctx.pastTime(720, 1)), identity_type: 'individual' };
}

/** A complete, ordinary individual: passes every check. `n` keeps emails unique. */
export function plainPerson(ctx: SeedContext, n: number): IdentityRow {
  const { prng } = ctx;
  const place = prng.pick(PLAIN_PLACES);
  const first = prng.pick(PLAIN_GIVEN);
  const last = ctx.familyName();
  // Free text, as customers type it (docs/cloud-contract.md §7): mostly names, sometimes demonyms or codes.
  const style = prng.next();
  const country = style < 0.75 ? place.country : style < 0.9 ? place.code : place.country.toUpperCase();
  const nationality = style < 0.8 ? place.nationality : place.code;
  const row: IdentityRow = {
    ...emptyIdentity(ctx),
    category: 'customer',
    first_name: first,
    last_name: last,
    other_names: prng.chance(0.15) ? prng.pick(PLAIN_GIVEN) : '',
    gender: prng.pick(['male', 'female', 'female', 'male', 'other']),
    email_address: `${asciiLower(first)}.${asciiLower(last)}${n}@example.com`,
    phone_number: phoneFor(ctx, place.phonePrefix),
    nationality,
    street: `${prng.int(1, 240)} ${prng.pick(STREETS)}`,
    country,
    state: place.state,
    post_code: String(prng.int(10000, 99999)),
    city: place.city,
    dob: dobFor(ctx.now, prng.int(19, 85), prng),
  };
  if (prng.chance(0.3))
    row.meta_data = {
      crm_segment: prng.pick(['retail', 'premium', 'student']),
      preferences: { newsletter: prng.chance(0.5) },
    };
  return row;
}

export function plainOrganization(ctx: SeedContext, n: number): IdentityRow {
  const { prng } = ctx;
  const place = prng.pick(PLAIN_PLACES);
  const name = `${prng.pick(ORG_WORDS)} ${prng.pick(ORG_KINDS)}`;
  return {
    ...emptyIdentity(ctx),
    identity_type: 'organization',
    organization_name: name,
    category: 'business',
    email_address: `finance${n}@${asciiLower(name.split(' ')[0] ?? 'org')}.example.com`,
    phone_number: phoneFor(ctx, place.phonePrefix),
    street: `${prng.int(1, 240)} ${prng.pick(STREETS)}`,
    country: place.country,
    state: place.state,
    post_code: String(prng.int(10000, 99999)),
    city: place.city,
    meta_data: { registration_number: `RC${prng.int(100000, 999999)}` },
  };
}
