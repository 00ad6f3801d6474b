import { ZERO_TIME } from '@kyc-review/contracts';

/** A date that may be known only to the year or the month (watchlists often are). */
export interface PartialDate {
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * "YYYY", "YYYY-MM", "YYYY-MM-DD" or an RFC 3339 timestamp (Blnk's dob) to a partial
 * date; null for empty text, Blnk's zero time, or anything that is not a real date.
 */
export function parsePartialDate(text: string): PartialDate | null {
  const value = text.trim();
  if (value === '' || value === ZERO_TIME || value.startsWith('0001-01-01')) return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (year < 1 || (month !== null && (month < 1 || month > 12))) return null;
  if (month !== null && day !== null && !isRealDate(year, month, day)) return null;
  return { year, month, day };
}

/** Whole years between a full date of birth and `today` (UTC calendar days). */
export function ageOn(dob: PartialDate, today: Date): number {
  const years = today.getUTCFullYear() - dob.year;
  const month = today.getUTCMonth() + 1;
  const beforeBirthday =
    dob.month !== null &&
    (month < dob.month || (month === dob.month && dob.day !== null && today.getUTCDate() < dob.day));
  return beforeBirthday ? years - 1 : years;
}
