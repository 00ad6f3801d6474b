import { DEFAULT_KYC_SETTINGS } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { makeEntry } from '../../test/make-entry';
import { makeIdentity } from '../../test/make-identity';
import { reviewIdentity } from '../review-identity';
import { buildWatchlistIndex } from '../screening/index-builder';
import { companionFields, withRevealed } from './revealed';
import { tokenizedFields } from './tokenized';

const index = buildWatchlistIndex([makeEntry({ dobs: ['1970'], countries: ['RU'] })]);
const today = new Date('2026-11-22T00:00:00Z');
const tokenizedPerson = (meta: unknown) =>
  makeIdentity({
    first_name: 'FPT:aaaa',
    last_name: 'FPT:bbbb',
    dob: '1970-03-04T00:00:00Z',
    nationality: 'Russian',
    meta_data: { tokenized_fields: meta },
  });
const review = (identity: ReturnType<typeof makeIdentity>, revealed = {}) =>
  reviewIdentity(identity, { settings: DEFAULT_KYC_SETTINGS, index, candidates: [], today, revealed });

describe('revealed values', () => {
  it('reads the other tokenized name parts with a name, and nothing with an email', () => {
    const identity = tokenizedPerson({ FirstName: true, LastName: true, EmailAddress: true });
    expect(companionFields(identity, 'first_name')).toEqual(['last_name']);
    expect(companionFields(identity, 'email_address')).toEqual([]);
  });

  it('puts the values in place and takes them out of tokenized_fields, in either form', () => {
    for (const meta of [{ FirstName: true, LastName: true }, ['FirstName', 'LastName']]) {
      const revealed = withRevealed(tokenizedPerson(meta), { first_name: 'Ivan' });
      expect(revealed.first_name).toBe('Ivan');
      expect([...tokenizedFields(revealed)]).toEqual(['last_name']);
    }
  });

  it('screens the revealed names and keeps none of them in the review', () => {
    const identity = tokenizedPerson({ FirstName: true, LastName: true });
    expect(review(identity).checks.find((c) => c.check_id === 'watchlist')?.status).toBe('skipped');
    const found = review(identity, { first_name: 'IVAN', last_name: 'PETROV' });
    expect(found.checks.find((c) => c.check_id === 'watchlist')?.status).toBe('fail');
    expect(found.hits.map((h) => h.query_name)).toEqual(['[revealed first name] [revealed last name]']);
    expect(found.hits[0]?.explanation).toContain('"[revealed first name] [revealed last name]" is similar to');
    expect(found.checks.find((c) => c.check_id === 'tokenized_pii')?.evidence['revealed']).toEqual([
      'first_name',
      'last_name',
    ]);
    expect(JSON.stringify(found)).not.toMatch(/IVAN|PETROV/);
  });
});
