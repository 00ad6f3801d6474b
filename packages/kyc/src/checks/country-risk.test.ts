import { describe, expect, it } from 'vitest';
import { resolveCountry } from '../country/resolve-country';
import { contextFor } from '../../test/make-context';
import { makeIdentity } from '../../test/make-identity';
import { checkCountryRisk } from './country-risk';

const countryRisk = (country: string, nationality: string) => {
  const identity = makeIdentity({ country, nationality });
  return checkCountryRisk(identity, contextFor(identity));
};

describe('country resolution', () => {
  it.each([
    ['Canada', 'CA'],
    ['Canadian', 'CA'],
    ['CA', 'CA'],
    ['CAN', 'CA'],
    ["Côte d'Ivoire", 'CI'],
    ['Ivorian', 'CI'],
    ['North Korean', 'KP'],
    ['United Kingdom', 'GB'],
    ['British', 'GB'],
    ['the Netherlands', 'NL'],
    ['  germany ', 'DE'],
  ])('reads %s as %s', (text, code) => expect(resolveCountry(text)).toBe(code));

  it('does not guess at unknown text', () => {
    expect(resolveCountry('Atlantis')).toBeNull();
    expect(resolveCountry('')).toBeNull();
  });
});

describe('country risk', () => {
  it('passes countries on neither FATF list and names the as-of date', () => {
    const result = countryRisk('Canada', 'Canadian');
    expect(result.status).toBe('pass');
    expect(result.reason).toContain('2025-10-24');
  });

  it('fails a call-for-action country, found through the nationality', () => {
    const result = countryRisk('Canada', 'North Korean');
    expect(result.status).toBe('fail');
    expect(result.evidence['fatf_list']).toBe('call_for_action');
    expect(result.reason).toContain('call for action');
  });

  it('warns on increased monitoring and on unrecognised text', () => {
    expect(countryRisk("Côte d'Ivoire", '').evidence['fatf_list']).toBe('increased_monitoring');
    const unknown = countryRisk('Atlantis', 'Canadian');
    expect(unknown.status).toBe('warn');
    expect(unknown.evidence['unrecognised']).toEqual(['country "Atlantis"']);
  });

  it('follows the lists in the settings, not a built-in table', () => {
    const identity = makeIdentity({ country: 'Canada', nationality: '' });
    const settings = {
      ...contextFor(identity).settings,
      fatf: { as_of: '2026-10-24', call_for_action: ['CA'], increased_monitoring: [] },
    };
    expect(checkCountryRisk(identity, contextFor(identity, { settings })).status).toBe('fail');
  });

  it('is skipped with nothing to assess or when the fields are tokenized', () => {
    expect(countryRisk('', '').status).toBe('skipped');
    expect(countryRisk('FPT:a', 'FPT:b').reason).toBe('skipped: tokenized (country, nationality)');
  });
});
