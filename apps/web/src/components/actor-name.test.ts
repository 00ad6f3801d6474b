import { describe, expect, it } from 'vitest';
import { actorName } from './actor-name';
import { countryLabel } from './country-label';

describe('actorName', () => {
  it('is the display name when there is one, else the kind of actor, never the raw id', () => {
    expect(actorName('rvw_1', 'Ada Lead')).toBe('Ada Lead');
    expect(actorName('system', null)).toBe('KYC Review');
    expect(actorName('install:ia_1', null)).toBe('the install (before sign-in)');
    expect(actorName('rvw_gone', '')).toBe('a former reviewer');
    expect(actorName('user_lead', null)).toBe('a Blnk Cloud user');
  });
});

describe('countryLabel', () => {
  it('names the country with its code, and keeps text that is no known country as given', () => {
    expect(countryLabel('CANADA', 'CA')).toBe('Canada (CA)');
    expect(countryLabel('Atlantis', null)).toBe('Atlantis');
  });
});
