import type { Identity } from '@kyc-review/contracts';
import { resolveCountry } from '../country/resolve-country';
import type { PartialDate } from '../identity/dob';
import { parsePartialDate } from '../identity/dob';
import { readable, tokenizedFields } from '../identity/tokenized';
import type { IdentityCountries } from './corroboration';
import type { ScoredName } from './name-score';
import { joinedVariants } from './name-score';
import type { NameKind } from './prepared-name';
import { prepareName } from './prepared-name';
import { prepareToken, type PreparedToken } from './prepared-token';

export type QueryName = ScoredName;

/**
 * Identities' words prepared once and shared (prepared words never change): names repeat
 * across a queue, and preparing a word (transliteration, sound codes, keys) was most of what
 * screening an identity cost once the index had found its few candidates. Bounded: emptied
 * when full.
 */
const QUERY_WORDS_KEPT = 20_000;
const queryWords = new Map<string, PreparedToken>();
function preparedQueryWord(text: string): PreparedToken {
  let token = queryWords.get(text);
  if (token === undefined) {
    if (queryWords.size >= QUERY_WORDS_KEPT) queryWords.clear();
    token = prepareToken(text);
    queryWords.set(text, token);
  }
  return token;
}

/** What screening knows about an identity: its readable names, dob and countries. */
export interface ScreeningSubject {
  readonly names: readonly QueryName[];
  readonly dob: PartialDate | null;
  readonly countries: IdentityCountries;
}

/**
 * The identity's names to screen: first + other + last names, first + last (other names
 * may be middle names the list does not have) as a person's names, and the organization
 * name as an organisation's. Tokenized fields are left out: a token is not a name.
 */
export function screeningSubject(identity: Identity): ScreeningSubject {
  const tokenized = tokenizedFields(identity);
  const first = readable(identity, 'first_name', tokenized);
  const other = readable(identity, 'other_names', tokenized);
  const last = readable(identity, 'last_name', tokenized);
  const texts = new Map<string, NameKind>();
  for (const parts of [
    [first, other, last],
    [first, last],
  ]) {
    const text = parts.filter((p) => p !== '').join(' ');
    if (text !== '') texts.set(text, 'person');
  }
  const organization = readable(identity, 'organization_name', tokenized);
  if (organization !== '' && !texts.has(organization)) texts.set(organization, 'organization');
  const names = [...texts]
    .map(([text, kind]) => prepareName(text, { kind, prepare: preparedQueryWord }))
    .filter((name) => name.tokens.length > 0)
    .map((name) => ({ name, joined: joinedVariants(name, preparedQueryWord) }));
  const country = (field: 'country' | 'nationality') => resolveCountry(readable(identity, field, tokenized));
  return {
    names,
    dob: parsePartialDate(readable(identity, 'dob', tokenized)),
    countries: { nationality: country('nationality'), residence: country('country') },
  };
}
