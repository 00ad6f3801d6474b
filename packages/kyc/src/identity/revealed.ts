import type { Identity, TOKENIZABLE_FIELDS, TokenizableField, WatchlistHit } from '@kyc-review/contracts';
import { tokenizedFields, type TextField } from './tokenized';

/** Each revealed field with its value. */
function revealedEntries(revealed: RevealedValues): [RevealableField, string][] {
  return REVEALABLE.flatMap((field): [RevealableField, string][] => {
    const value = revealed[field];
    return value === undefined ? [] : [[field, value]];
  });
}

/** A field Cloud can detokenize (docs/cloud-contract.md §7), by its identity field name. */
export type RevealableField = (typeof TOKENIZABLE_FIELDS)[TokenizableField];
/**
 * Values a reviewer revealed, held in memory for one assessment only: never stored, logged
 * or put in an error. What the assessment keeps is scrubbed of them (`scrubHit`).
 */
export type RevealedValues = Readonly<Partial<Record<RevealableField, string>>>;

const PASCAL_OF: Readonly<Record<RevealableField, TokenizableField>> = {
  first_name: 'FirstName',
  last_name: 'LastName',
  other_names: 'OtherNames',
  email_address: 'EmailAddress',
  phone_number: 'PhoneNumber',
  street: 'Street',
  post_code: 'PostCode',
};

const REVEALABLE = Object.keys(PASCAL_OF).filter((f): f is RevealableField => f in PASCAL_OF);

/** Blnk's PascalCase name of a field, as the detokenize route takes it (docs/cloud-contract.md §7). */
export function pascalOf(field: RevealableField): TokenizableField {
  return PASCAL_OF[field];
}

/** The name fields screening joins (query-names.ts); revealing one is of no use without the others. */
const NAME_FIELDS: readonly RevealableField[] = ['first_name', 'other_names', 'last_name'];

/**
 * The other tokenized fields a check needs together with `field` to run: screening and the
 * name + date of birth key read first, other and last names together, so revealing one name
 * part re-runs them only with every tokenized part read. Email and phone stand alone.
 */
export function companionFields(identity: Identity, field: RevealableField): RevealableField[] {
  if (!NAME_FIELDS.includes(field)) return [];
  const tokenized = tokenizedFields(identity);
  return NAME_FIELDS.filter((f) => f !== field && tokenized.has(f));
}

/**
 * The identity as if the revealed fields were never tokenized: their values in place and
 * their names out of `meta_data.tokenized_fields`. For assessing in memory only.
 */
export function withRevealed(identity: Identity, revealed: RevealedValues): Identity {
  const entries = revealedEntries(revealed);
  if (entries.length === 0) return identity;
  const out: Identity = { ...identity };
  for (const [field, value] of entries) out[field] = value;
  const listed = identity.meta_data['tokenized_fields'];
  const revealedPascal = new Set<string>(entries.map(([field]) => PASCAL_OF[field]));
  if (Array.isArray(listed)) {
    out.meta_data = { ...identity.meta_data, tokenized_fields: listed.filter((n) => !revealedPascal.has(String(n))) };
  } else if (typeof listed === 'object' && listed !== null) {
    const kept = Object.fromEntries(Object.entries(listed).filter(([name]) => !revealedPascal.has(name)));
    out.meta_data = { ...identity.meta_data, tokenized_fields: kept };
  }
  return out;
}

const LABEL: Readonly<Record<RevealableField, string>> = {
  first_name: 'first name',
  last_name: 'last name',
  other_names: 'other names',
  email_address: 'email',
  phone_number: 'phone number',
  street: 'street',
  post_code: 'post code',
};

/** Each non-empty revealed value with the words a reviewer sees instead, longest first. */
function masks(revealed: RevealedValues): [string, string][] {
  return revealedEntries(revealed)
    .filter(([, value]) => value.trim() !== '')
    .map(([field, value]): [string, string] => [value.trim(), `[revealed ${LABEL[field]}]`])
    .sort((a, b) => b[0].length - a[0].length);
}

/** `text` with every revealed value replaced by what it was ("[revealed first name]"). */
export function maskRevealed(text: string, revealed: RevealedValues): string {
  let out = text;
  for (const [value, mask] of masks(revealed)) out = out.split(value).join(mask);
  return out;
}

/**
 * A hit found with revealed names, fit to be kept: the identity's matched name and its
 * words set aside are masked, so the stored assessment holds no revealed value.
 */
export function scrubHit(hit: WatchlistHit, revealed: RevealedValues): WatchlistHit {
  const words = new Set(masks(revealed).flatMap(([value]) => value.toLowerCase().split(/\s+/)));
  const queryName = maskRevealed(hit.query_name, revealed);
  return {
    ...hit,
    query_name: queryName,
    explanation: hit.explanation.split(`"${hit.query_name}"`).join(`"${queryName}"`),
    set_aside: hit.set_aside.filter((w) => !words.has(w.toLowerCase())),
  };
}

/** The revealed fields, as the tokenized check reports them. */
export function revealedFieldNames(revealed: RevealedValues): TextField[] {
  return revealedEntries(revealed).map(([field]) => field);
}
