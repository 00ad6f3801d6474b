import type { CheckResult, DuplicateMatch, DuplicatesEvidence, Identity } from '@kyc-review/contracts';
import type { ContactKeys } from '../identity/contact-keys';
import { contactKeys } from '../identity/contact-keys';
import type { CheckContext } from './check-context';
import { checkResult, skippedTokenized } from './check-context';
import { readable, tokenizedFields } from '../identity/tokenized';

const TITLE = 'Duplicates';
/** Enough ids for a reviewer to follow up; the count says if there are more. */
const MAX_LISTED = 20;
type Key = keyof ContactKeys;
const KEYS: readonly Key[] = ['email', 'phone', 'nameDob'];
const LABELS: Record<Key, string> = {
  email: 'email',
  phone: 'phone number',
  nameDob: 'first and last name and date of birth',
};
/** Which key matched, in words; a phone says whether it met as E.164 or only by its digits. */
function label(key: Key, value: string): string {
  if (key === 'phone') return value.startsWith('digits:') ? 'phone number (same digits)' : 'phone number (E.164)';
  return LABELS[key];
}
const KEY_FIELDS: Record<Key, readonly ('email_address' | 'phone_number' | 'first_name' | 'last_name' | 'dob')[]> = {
  email: ['email_address'],
  phone: ['phone_number'],
  nameDob: ['first_name', 'last_name', 'dob'],
};

/** The name a reviewer knows the other identity by; tokenized parts are left out. */
function displayNameOf(identity: Identity): string {
  const tokenized = tokenizedFields(identity);
  const org = readable(identity, 'organization_name', tokenized);
  if (identity.identity_type === 'organization' && org !== '') return org;
  const person = (['first_name', 'other_names', 'last_name'] as const)
    .map((f) => readable(identity, f, tokenized))
    .filter((p) => p !== '')
    .join(' ');
  return person === '' ? identity.identity_id : person;
}

/** Other identities with the same normalised email, phone (E.164 or digits), or first + last name and dob. */
export function checkDuplicates(identity: Identity, ctx: CheckContext): CheckResult {
  const own = contactKeys(identity);
  const keys = KEYS.filter((k) => own[k] !== null);
  const matches: DuplicateMatch[] = [];
  for (const other of ctx.candidates) {
    if (other.identity_id === identity.identity_id) continue;
    const theirs = contactKeys(other);
    const matched = keys.filter((k) => theirs[k] === own[k]).map((k) => label(k, own[k] ?? ''));
    if (matched.length > 0) matches.push({ identity_id: other.identity_id, name: displayNameOf(other), matched });
  }
  const unreadable = [...new Set(KEYS.flatMap((k) => KEY_FIELDS[k].filter((f) => ctx.tokenized.has(f))))];
  const evidence: DuplicatesEvidence = {
    matches: matches.slice(0, MAX_LISTED),
    match_count: matches.length,
    compared: ctx.candidates.length,
    tokenized: unreadable,
  };
  if (matches.length > 0) {
    const listed = matches.slice(0, MAX_LISTED).map((m) => `${m.name} (${m.matched.join(', ')})`);
    const more = matches.length > MAX_LISTED ? ` and ${String(matches.length - MAX_LISTED)} more` : '';
    return checkResult('duplicates', TITLE, 'warn', `Possible duplicate of ${listed.join('; ')}${more}.`, evidence);
  }
  if (unreadable.length > 0) return checkResult('duplicates', TITLE, 'skipped', skippedTokenized(unreadable), evidence);
  if (keys.length === 0)
    return checkResult(
      'duplicates',
      TITLE,
      'skipped',
      'No email, phone number or name with date of birth to compare.',
      evidence,
    );
  return checkResult(
    'duplicates',
    TITLE,
    'pass',
    `No other identity shares the ${keys.map((k) => LABELS[k]).join(', ')}.`,
    evidence,
  );
}
