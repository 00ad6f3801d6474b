import type { Corroboration } from '@kyc-review/contracts';
import type { PartialDate } from '../identity/dob';

/**
 * Compare a full or partial dob at the precision both sides have: "1970" against
 * "1970-05-01" corroborates, "1971" contradicts, a missing side is unknown.
 */
export function compareDob(identity: PartialDate | null, entry: PartialDate | null): Corroboration {
  if (identity === null || entry === null) return 'unknown';
  if (identity.year !== entry.year) return 'contradicts';
  if (identity.month === null || entry.month === null) return 'corroborates';
  if (identity.month !== entry.month) return 'contradicts';
  if (identity.day === null || entry.day === null) return 'corroborates';
  return identity.day === entry.day ? 'corroborates' : 'contradicts';
}

/** Any of the identity's countries (residence, nationality) against the entry's. */
export function compareCountry(identityCountries: readonly string[], entryCountry: string | null): Corroboration {
  if (identityCountries.length === 0 || entryCountry === null) return 'unknown';
  return identityCountries.includes(entryCountry) ? 'corroborates' : 'contradicts';
}

/** Small boosts and larger penalties: a wrong dob weakens a fuzzy name, not an exact one. */
const ADJUSTMENT: Record<'dob' | 'country', Record<Corroboration, number>> = {
  dob: { corroborates: 0.03, contradicts: -0.1, unknown: 0 },
  country: { corroborates: 0.02, contradicts: -0.05, unknown: 0 },
};

/** The largest boost corroboration can give; the index relies on it to bound scores. */
export const MAX_CORROBORATION_BOOST = ADJUSTMENT.dob.corroborates + ADJUSTMENT.country.corroborates;

export function adjustScore(nameScore: number, dob: Corroboration, country: Corroboration): number {
  const score = nameScore + ADJUSTMENT.dob[dob] + ADJUSTMENT.country[country];
  return Math.round(Math.min(1, Math.max(0, score)) * 10000) / 10000;
}
