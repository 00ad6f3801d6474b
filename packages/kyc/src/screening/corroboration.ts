import type { Corroboration, HitAttribute } from '@kyc-review/contracts';
import type { PartialDate } from '../identity/dob';

/**
 * Compare a full or partial dob at the precision both sides have: "1970" against
 * "1970-05-01" corroborates, "1971" contradicts, a missing side is unknown.
 */
export function compareDate(identity: PartialDate, entry: PartialDate): Corroboration {
  if (identity.year !== entry.year) return 'contradicts';
  if (identity.month === null || entry.month === null) return 'corroborates';
  if (identity.month !== entry.month) return 'contradicts';
  if (identity.day === null || entry.day === null) return 'corroborates';
  return identity.day === entry.day ? 'corroborates' : 'contradicts';
}

const showDate = (d: PartialDate) =>
  [String(d.year), d.month, d.day]
    .filter((part) => part !== null)
    .map((part) => String(part).padStart(2, '0'))
    .join('-');

/** The identity's dob against every date the entry lists: any one equal corroborates. */
export function compareDobs(identity: PartialDate | null, entry: readonly PartialDate[]): HitAttribute {
  if (identity === null || entry.length === 0) {
    const missing = identity === null ? 'the identity has none' : 'the entry lists none';
    return { attribute: 'dob', outcome: 'unknown', detail: `date of birth not compared: ${missing}` };
  }
  const shown = showDate(identity);
  const equal = entry.find((date) => compareDate(identity, date) === 'corroborates');
  if (equal !== undefined) {
    const among = entry.length > 1 ? ` (one of ${String(entry.length)} listed)` : '';
    return {
      attribute: 'dob',
      outcome: 'corroborates',
      detail: `date of birth ${shown} matches ${showDate(equal)}${among}`,
    };
  }
  return {
    attribute: 'dob',
    outcome: 'contradicts',
    detail: `date of birth ${shown} is not ${entry.map(showDate).join(' or ')}`,
  };
}

export interface IdentityCountries {
  readonly nationality: string | null;
  readonly residence: string | null;
}
export interface EntryCountries {
  readonly nationalities: readonly string[];
  readonly countries: readonly string[];
}

/**
 * The identity's nationality and country of residence against the entry's nationalities
 * and other countries. Each says what it matched ("nationality VN matches"), never a
 * "country matches" when the country itself differs. One match corroborates; when both
 * sides know countries and none is shared, they contradict.
 */
export function compareCountries(identity: IdentityCountries, entry: EntryCountries): HitAttribute[] {
  const listed = [...entry.nationalities, ...entry.countries];
  const attributes: HitAttribute[] = [];
  const known = [
    ['nationality', identity.nationality],
    ['country', identity.residence],
  ] as const;
  for (const [attribute, code] of known) {
    if (code === null) continue;
    const word = attribute === 'nationality' ? 'nationality' : 'country of residence';
    if (listed.length === 0) {
      attributes.push({
        attribute,
        outcome: 'unknown',
        detail: `${word} ${code} not compared: the entry lists no country`,
      });
    } else if (entry.nationalities.includes(code)) {
      attributes.push({ attribute, outcome: 'corroborates', detail: `${word} ${code} matches the listed nationality` });
    } else if (entry.countries.includes(code)) {
      attributes.push({ attribute, outcome: 'corroborates', detail: `${word} ${code} matches a listed country` });
    } else {
      attributes.push({
        attribute,
        outcome: 'contradicts',
        detail: `${word} ${code} is not among ${listed.join(', ')}`,
      });
    }
  }
  return attributes;
}

/** Nationality and residence as one outcome: any match corroborates. */
export function countryOutcome(attributes: readonly HitAttribute[]): Corroboration {
  const outcomes = attributes.filter((a) => a.attribute !== 'dob').map((a) => a.outcome);
  if (outcomes.includes('corroborates')) return 'corroborates';
  if (outcomes.includes('contradicts')) return 'contradicts';
  return 'unknown';
}

/**
 * Small boosts and larger penalties: a wrong dob weakens a fuzzy name, not an exact one;
 * but dob and country both contradicting is another person of the same name, and takes
 * even an exact name below the default threshold.
 */
const ADJUSTMENT: Record<'dob' | 'country', Record<Corroboration, number>> = {
  dob: { corroborates: 0.03, contradicts: -0.1, unknown: 0 },
  country: { corroborates: 0.02, contradicts: -0.05, unknown: 0 },
};
/** Added when both contradict: 1 − 0.10 − 0.05 − 0.05 = 0.80, below the default 0.85. */
export const BOTH_CONTRADICT_PENALTY = 0.05;

/** The largest boost corroboration can give; the index relies on it to bound scores. */
export const MAX_CORROBORATION_BOOST = ADJUSTMENT.dob.corroborates + ADJUSTMENT.country.corroborates;

export function adjustScore(nameScore: number, dob: Corroboration, country: Corroboration): number {
  const both = dob === 'contradicts' && country === 'contradicts' ? BOTH_CONTRADICT_PENALTY : 0;
  const score = nameScore + ADJUSTMENT.dob[dob] + ADJUSTMENT.country[country] - both;
  return Math.round(Math.min(1, Math.max(0, score)) * 10000) / 10000;
}
