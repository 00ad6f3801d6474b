import type { CheckResult, Identity } from '@kyc-review/contracts';
import { ageOn, parsePartialDate } from '../identity/dob';
import type { CheckContext } from './check-context';
import { checkResult, isoDate, skippedTokenized } from './check-context';

const TITLE = 'Age';
const MAX_PLAUSIBLE_AGE = 120;
const NOT_APPLICABLE = { not_applicable: true } as const;

/** Age on `ctx.today` from `dob`: missing is a warning, under the minimum age a failure. */
export function checkAge(identity: Identity, ctx: CheckContext): CheckResult {
  if (identity.identity_type.trim().toLowerCase() === 'organization') {
    return checkResult('age', TITLE, 'skipped', 'Organizations have no date of birth.', NOT_APPLICABLE);
  }
  if (ctx.tokenized.has('dob')) return checkResult('age', TITLE, 'skipped', skippedTokenized(['dob']));
  const raw = identity.dob.trim();
  const dob = parsePartialDate(raw);
  const as_of = isoDate(ctx.today);
  if (dob === null) {
    const reason =
      raw === '' || raw.startsWith('0001-01-01')
        ? 'Date of birth is missing.'
        : `Date of birth "${raw}" is not a valid date.`;
    return checkResult('age', TITLE, 'warn', reason, { dob: raw, as_of });
  }
  const age = ageOn(dob, ctx.today);
  const evidence = { dob: raw.slice(0, 10), age, min_age: ctx.settings.min_age, as_of };
  if (age < 0) return checkResult('age', TITLE, 'warn', 'Date of birth is in the future.', evidence);
  if (age < ctx.settings.min_age) {
    return checkResult(
      'age',
      TITLE,
      'fail',
      `Aged ${age}, under the minimum age of ${ctx.settings.min_age}.`,
      evidence,
    );
  }
  if (age > MAX_PLAUSIBLE_AGE)
    return checkResult('age', TITLE, 'warn', `Aged ${age}: an implausible date of birth.`, evidence);
  return checkResult('age', TITLE, 'pass', `Aged ${age}.`, evidence);
}
