import type { Identity } from '@kyc-review/contracts';
import { resolveCountry } from '../country/resolve-country';
import type { PartialDate } from '../identity/dob';
import { parsePartialDate } from '../identity/dob';
import { readable, tokenizedFields } from '../identity/tokenized';
import { joinedVariants } from './name-score';
import type { PreparedName, PreparedToken } from './prepared-name';
import { prepareName } from './prepared-name';

export interface QueryName {
  readonly name: PreparedName;
  readonly joined: readonly PreparedToken[][];
}

/** What screening knows about an identity: its readable names, dob and countries. */
export interface ScreeningSubject {
  readonly names: readonly QueryName[];
  readonly dob: PartialDate | null;
  readonly countries: readonly string[];
}

/**
 * The identity's names to screen: first + other + last names, first + last (other names
 * may be middle names the list does not have), and the organization name. Tokenized
 * fields are left out: a token is not a name.
 */
export function screeningSubject(identity: Identity): ScreeningSubject {
  const tokenized = tokenizedFields(identity);
  const first = readable(identity, 'first_name', tokenized);
  const other = readable(identity, 'other_names', tokenized);
  const last = readable(identity, 'last_name', tokenized);
  const texts = new Set(
    [[first, other, last], [first, last], [readable(identity, 'organization_name', tokenized)]]
      .map((parts) => parts.filter((p) => p !== '').join(' '))
      .filter((text) => text !== ''),
  );
  const names = [...texts]
    .map((text) => prepareName(text))
    .filter((name) => name.tokens.length > 0)
    .map((name) => ({ name, joined: joinedVariants(name.tokens) }));
  const countries = [readable(identity, 'country', tokenized), readable(identity, 'nationality', tokenized)]
    .map(resolveCountry)
    .filter((code): code is string => code !== null);
  return { names, dob: parsePartialDate(readable(identity, 'dob', tokenized)), countries: [...new Set(countries)] };
}
