import { DuplicatesEvidence, type CheckResult, type DuplicateMatch } from '@kyc-review/contracts';
import { z } from 'zod';

/**
 * The evidence the risk score and the approval rules read, typed. Evidence is cached as
 * JSON and parsed back as the generic `Evidence`, so it is read through these schemas,
 * never by an untyped key: a shape that no longer parses reads as "nothing found".
 */
export const FatfList = z.enum(['call_for_action', 'increased_monitoring']);
export type FatfList = z.infer<typeof FatfList>;

/** What the country check writes besides the resolved fields (defaults: older cached shapes). */
export const CountryRiskEvidence = z.object({
  fatf_list: FatfList.nullable().default(null),
  fatf_as_of: z.string().default(''),
  unrecognised: z.array(z.string()).default([]),
  tokenized: z.array(z.string()).default([]),
});
export type CountryRiskEvidence = z.infer<typeof CountryRiskEvidence>;

/** A check that does not apply to this kind of identity (an organisation's age). */
const NotApplicable = z.object({ not_applicable: z.literal(true) });

export function countryRiskEvidence(check: CheckResult): CountryRiskEvidence | null {
  if (check.check_id !== 'country_risk') return null;
  const parsed = CountryRiskEvidence.safeParse(check.evidence);
  return parsed.success ? parsed.data : null;
}

export function isNotApplicable(check: CheckResult): boolean {
  return NotApplicable.safeParse(check.evidence).success;
}

/** The other identities a review's duplicates check lists (none when it did not run or parse). */
export function duplicateMatches(checks: readonly CheckResult[]): DuplicateMatch[] {
  const check = checks.find((c) => c.check_id === 'duplicates');
  if (check === undefined) return [];
  const parsed = DuplicatesEvidence.safeParse(check.evidence);
  return parsed.success ? parsed.data.matches : [];
}
