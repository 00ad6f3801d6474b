import { TOKEN_PREFIX, ZERO_TIME } from '@kyc-review/contracts';
import type { DemoWatchlistEntry } from './watchlist-csv';
import type { IdentityRow } from '../state/records';
import { dobFor, type SeedContext } from './context';
import { FATF_SPELLINGS } from './name-parts';
import { NEAR_MATCH_KINDS, nearMatch } from './near-matches';
import { plainOrganization, plainPerson } from './person';

// Each scenario returns one or more identities shaped to exercise a KYC check. The
// first identities of every instance cover each scenario; the rest are drawn by weight.

/** Real values of tokenized fields, by identity id and PascalCase field name. */
export type Secrets = Map<string, Record<string, string>>;

export interface ScenarioEnv {
  readonly ctx: SeedContext;
  readonly watchlist: readonly DemoWatchlistEntry[];
  readonly secrets: Secrets;
  /** A running number that keeps generated emails unique. */
  readonly next: () => number;
}

type Scenario = (env: ScenarioEnv) => IdentityRow[];

const tag = (row: IdentityRow, seedCase: string): IdentityRow => {
  row.meta_data = { ...row.meta_data, seed_case: seedCase };
  return row;
};

const REQUIRED = ['email_address', 'dob', 'nationality', 'country', 'street', 'city', 'first_name'] as const;

const TOKENIZABLE: readonly (readonly [
  string,
  'first_name' | 'last_name' | 'other_names' | 'email_address' | 'phone_number' | 'street' | 'post_code',
])[] = [
  ['FirstName', 'first_name'],
  ['LastName', 'last_name'],
  ['EmailAddress', 'email_address'],
  ['PhoneNumber', 'phone_number'],
  ['Street', 'street'],
  ['PostCode', 'post_code'],
];

export const SCENARIOS: Readonly<Record<string, { readonly weight: number; readonly build: Scenario }>> = {
  complete: { weight: 40, build: ({ ctx, next }) => [tag(plainPerson(ctx, next()), 'complete')] },
  incomplete: {
    weight: 6,
    build: ({ ctx, next }) => {
      const row = plainPerson(ctx, next());
      for (const field of REQUIRED) if (ctx.prng.chance(0.35)) row[field] = field === 'dob' ? ZERO_TIME : '';
      row.phone_number = ctx.prng.chance(0.5) ? '' : row.phone_number;
      row.email_address = '';
      return [tag(row, 'incomplete')];
    },
  },
  organization: { weight: 6, build: ({ ctx, next }) => [tag(plainOrganization(ctx, next()), 'organization')] },
  organizationIncomplete: {
    weight: 2,
    build: ({ ctx, next }) => {
      const row = plainOrganization(ctx, next());
      if (ctx.prng.chance(0.5)) row.organization_name = '';
      row.country = '';
      return [tag(row, 'organization_incomplete')];
    },
  },
  minor: {
    weight: 2,
    build: ({ ctx, next }) => [
      tag({ ...plainPerson(ctx, next()), dob: dobFor(ctx.now, ctx.prng.int(9, 17), ctx.prng) }, 'minor'),
    ],
  },
  implausibleAge: {
    weight: 1,
    build: ({ ctx, next }) => [
      tag({ ...plainPerson(ctx, next()), dob: dobFor(ctx.now, ctx.prng.int(121, 140), ctx.prng) }, 'implausible_age'),
      tag({ ...plainPerson(ctx, next()), dob: dobFor(ctx.now, -ctx.prng.int(1, 5), ctx.prng) }, 'dob_in_future'),
    ],
  },
  zeroDob: {
    weight: 2,
    build: ({ ctx, next }) => [tag({ ...plainPerson(ctx, next()), dob: ZERO_TIME }, 'dob_missing')],
  },
  fatf: {
    weight: 4,
    build: ({ ctx, next }) => {
      const spelling = ctx.prng.pick(FATF_SPELLINGS);
      const row = plainPerson(ctx, next());
      if (ctx.prng.chance(0.5)) row.country = spelling.country;
      else row.nationality = spelling.nationality;
      return [tag(row, 'fatf_country')];
    },
  },
  duplicateEmail: {
    weight: 1,
    build: ({ ctx, next }) => {
      const a = plainPerson(ctx, next());
      const b = plainPerson(ctx, next());
      const [user, domain] = a.email_address.split('@');
      b.email_address = `${(user ?? '').replace(/^./, (c) => c.toUpperCase())}@${(domain ?? '').toUpperCase()}`;
      return [tag(a, 'duplicate_email'), tag(b, 'duplicate_email')];
    },
  },
  duplicatePhone: {
    weight: 1,
    build: ({ ctx, next }) => {
      const a = {
        ...plainPerson(ctx, next()),
        country: 'United Kingdom',
        phone_number: `+4477009${String(ctx.prng.int(10000, 99999))}`,
      };
      const digits = a.phone_number.slice(3);
      const b = {
        ...plainPerson(ctx, next()),
        country: 'United Kingdom',
        phone_number: `+44 ${digits.slice(0, 4)} ${digits.slice(4)}`,
      };
      const c = {
        ...plainPerson(ctx, next()),
        country: 'GB',
        phone_number: `0${digits.slice(0, 4)}-${digits.slice(4)}`,
      };
      return [tag(a, 'duplicate_phone'), tag(b, 'duplicate_phone'), tag(c, 'duplicate_phone')];
    },
  },
  duplicateNameDob: {
    weight: 1,
    build: ({ ctx, next }) => {
      const a = plainPerson(ctx, next());
      const b = { ...plainPerson(ctx, next()), first_name: a.first_name, last_name: a.last_name, dob: a.dob };
      return [tag(a, 'duplicate_name_dob'), tag(b, 'duplicate_name_dob')];
    },
  },
  watchlist: {
    weight: 4,
    build: ({ ctx, next, watchlist }) => [
      nearMatch(ctx, next(), ctx.prng.pick(watchlist), ctx.prng.pick(NEAR_MATCH_KINDS)),
    ],
  },
  tokenized: {
    weight: 3,
    build: ({ ctx, next, secrets }) => {
      const row = tag(plainPerson(ctx, next()), 'tokenized');
      const real: Record<string, string> = {};
      const flags: Record<string, boolean> = {};
      for (const [pascal, field] of TOKENIZABLE) {
        if (pascal !== 'FirstName' && pascal !== 'EmailAddress' && !ctx.prng.chance(0.5)) continue;
        if (row[field] === '') continue;
        real[pascal] = row[field];
        flags[pascal] = true;
        row[field] = `${TOKEN_PREFIX}${ctx.prng.hex(24)}`;
      }
      row.meta_data = { ...row.meta_data, tokenized_fields: flags };
      secrets.set(row.identity_id, real);
      return [row];
    },
  },
};

/** Every scenario once (some several times), so even a small seed covers every check. */
export const COVERAGE_PLAN: readonly string[] = [
  ...Object.keys(SCENARIOS),
  'fatf',
  'fatf',
  'fatf',
  'fatf',
  'tokenized',
  'tokenized',
  'minor',
  'incomplete',
  'organization',
];

/** One near match of every kind, against spread-out watchlist entries. */
export function coverageNearMatches(env: ScenarioEnv): IdentityRow[] {
  return NEAR_MATCH_KINDS.map((kind, i) =>
    nearMatch(
      env.ctx,
      env.next(),
      env.watchlist[(i * 37) % env.watchlist.length] ?? env.ctx.prng.pick(env.watchlist),
      kind,
    ),
  );
}
