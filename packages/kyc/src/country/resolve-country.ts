import codes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import enLocale from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import worldCountries from 'world-countries';
import { foldText } from '../fold-text';

/**
 * Free-text country or nationality ("Canada", "Canadian", "CA", "CAN", "Côte d'Ivoire",
 * "North Korean") to ISO 3166 alpha-2. Names and alpha-3 codes come from
 * i18n-iso-countries, demonyms and alternative spellings from world-countries: both
 * maintained, so we keep no country table of our own.
 */
let lookup: Map<string, string> | undefined;

function buildLookup(): Map<string, string> {
  const map = new Map<string, string>();
  // First writer wins, so exact codes and official names beat looser spellings.
  const add = (text: string, alpha2: string) => {
    const key = foldText(text).replace(/^the /, '');
    if (key !== '' && !map.has(key)) map.set(key, alpha2);
  };
  for (const [alpha2, alpha3] of codes) {
    if (alpha2 === undefined || alpha3 === undefined) continue;
    add(alpha2, alpha2);
    add(alpha3, alpha2);
  }
  for (const [alpha2, names] of Object.entries(enLocale.countries)) {
    for (const name of typeof names === 'string' ? [names] : names) add(name, alpha2);
  }
  for (const country of worldCountries) {
    add(country.name.common, country.cca2);
    add(country.name.official, country.cca2);
    for (const spelling of country.altSpellings) add(spelling, country.cca2);
  }
  for (const country of worldCountries) {
    const demonyms = country.demonyms['eng'];
    if (demonyms !== undefined) {
      add(demonyms.m, country.cca2);
      add(demonyms.f, country.cca2);
    }
  }
  return map;
}

/** ISO 3166 alpha-2 for the text, or null when it names no country we know. */
export function resolveCountry(text: string): string | null {
  lookup ??= buildLookup();
  const key = foldText(text).replace(/^the /, '');
  return key === '' ? null : (lookup.get(key) ?? null);
}
