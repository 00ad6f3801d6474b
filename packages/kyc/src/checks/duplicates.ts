import type { CheckResult, Identity } from '@kyc-review/contracts';
import type { ContactKeys } from '../identity/contact-keys';
import { contactKeys } from '../identity/contact-keys';
import type { CheckContext } from './check-context';
import { checkResult, skippedTokenized } from './check-context';

const TITLE = 'Duplicates';
/** Enough ids for a reviewer to follow up; the count says if there are more. */
const MAX_LISTED = 20;
type Key = keyof ContactKeys;
const KEYS: readonly Key[] = ['email', 'phone', 'nameDob'];
const LABELS: Record<Key, string> = { email: 'email', phone: 'phone number', nameDob: 'name and date of birth' };
const KEY_FIELDS: Record<Key, readonly ('email_address' | 'phone_number' | 'first_name' | 'last_name' | 'dob')[]> = {
  email: ['email_address'],
  phone: ['phone_number'],
  nameDob: ['first_name', 'last_name', 'dob'],
};

/** Other identities with the same normalised email, E.164 phone, or name + dob. */
export function checkDuplicates(identity: Identity, ctx: CheckContext): CheckResult {
  const own = contactKeys(identity);
  const keys = KEYS.filter((k) => own[k] !== null);
  const matches: { identity_id: string; matched: string[] }[] = [];
  for (const other of ctx.candidates) {
    if (other.identity_id === identity.identity_id) continue;
    const theirs = contactKeys(other);
    const matched = keys.filter((k) => theirs[k] === own[k]).map((k) => LABELS[k]);
    if (matched.length > 0) matches.push({ identity_id: other.identity_id, matched });
  }
  const unreadable = [...new Set(KEYS.flatMap((k) => KEY_FIELDS[k].filter((f) => ctx.tokenized.has(f))))];
  const evidence = {
    matches: matches.slice(0, MAX_LISTED),
    match_count: matches.length,
    compared: ctx.candidates.length,
    tokenized: unreadable,
  };
  if (matches.length > 0) {
    const listed = matches.slice(0, MAX_LISTED).map((m) => `${m.identity_id} (${m.matched.join(', ')})`);
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
