import type { CheckResult, Evidence, Identity } from '@kyc-review/contracts';
import { resolveCountry } from '../country/resolve-country';
import type { CheckContext } from './check-context';
import type { CountryRiskEvidence, FatfList } from './evidence';
import { checkResult, skippedTokenized } from './check-context';

const TITLE = 'Country risk';
const FIELDS = ['country', 'nationality'] as const;

const LIST_NAMES: Record<FatfList, string> = {
  call_for_action: 'FATF high-risk jurisdictions subject to a call for action',
  increased_monitoring: 'FATF jurisdictions under increased monitoring',
};

/** Country and nationality, as free text, resolved to ISO codes and looked up in the FATF lists. */
export function checkCountryRisk(identity: Identity, ctx: CheckContext): CheckResult {
  const { fatf } = ctx.settings;
  const tokenized = FIELDS.filter((f) => ctx.tokenized.has(f));
  const resolved: Evidence = {};
  const unrecognised: string[] = [];
  const listed: { field: string; code: string; list: FatfList }[] = [];
  for (const field of FIELDS) {
    const text = identity[field].trim();
    if (ctx.tokenized.has(field) || text === '') continue;
    const code = resolveCountry(text);
    resolved[field] = { text, iso2: code };
    if (code === null) unrecognised.push(`${field} "${text}"`);
    else if (fatf.call_for_action.includes(code)) listed.push({ field, code, list: 'call_for_action' });
    else if (fatf.increased_monitoring.includes(code)) listed.push({ field, code, list: 'increased_monitoring' });
  }
  const worst = listed.find((l) => l.list === 'call_for_action') ?? listed[0];
  const facts: CountryRiskEvidence = {
    fatf_list: worst?.list ?? null,
    fatf_as_of: fatf.as_of,
    unrecognised,
    tokenized,
  };
  const evidence: Evidence = { ...resolved, ...facts };
  const notes = [
    ...listed.map((l) => `${l.field} ${l.code} is on the ${LIST_NAMES[l.list]} (as of ${fatf.as_of}).`),
    ...(unrecognised.length > 0 ? [`Not a recognised country: ${unrecognised.join(', ')}.`] : []),
    ...(tokenized.length > 0 ? [skippedTokenized(tokenized)] : []),
  ].join(' ');
  if (worst?.list === 'call_for_action') return checkResult('country_risk', TITLE, 'fail', notes, evidence);
  if (worst !== undefined || unrecognised.length > 0)
    return checkResult('country_risk', TITLE, 'warn', notes, evidence);
  if (tokenized.length > 0) return checkResult('country_risk', TITLE, 'skipped', skippedTokenized(tokenized), evidence);
  if (Object.keys(resolved).length === 0)
    return checkResult('country_risk', TITLE, 'skipped', 'No country or nationality to assess.', evidence);
  return checkResult('country_risk', TITLE, 'pass', `Not on the FATF lists (as of ${fatf.as_of}).`, evidence);
}
