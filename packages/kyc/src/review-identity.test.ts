import { DEFAULT_KYC_SETTINGS, WatchlistEntry } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { makeIdentity } from '../test/make-identity';
import { approvalBlockers } from './monitoring';
import { reviewIdentity } from './review-identity';
import { buildWatchlistIndex } from './screening/index-builder';

const index = buildWatchlistIndex([
  WatchlistEntry.parse({
    entry_id: 'wle_1',
    name: 'Ivan Petrov',
    aliases: [],
    dob: '1970',
    country: 'RU',
    list: 'Demo sanctions',
    topic: 'sanction',
  }),
]);
const today = new Date('2026-11-22T00:00:00Z');

describe('reviewIdentity', () => {
  it('runs every check and scores a clean identity low', () => {
    const review = reviewIdentity(makeIdentity(), { settings: DEFAULT_KYC_SETTINGS, index, candidates: [], today });
    expect(review.checks.map((c) => [c.check_id, c.status])).toEqual([
      ['required_fields', 'pass'],
      ['age', 'pass'],
      ['watchlist', 'pass'],
      ['country_risk', 'pass'],
      ['duplicates', 'pass'],
      ['tokenized_pii', 'pass'],
      ['vendor_verification', 'skipped'],
    ]);
    expect(review.risk.level).toBe('low');
  });

  it('fails the watchlist check and scores high on a hit, and forgets it once dismissed', () => {
    const identity = makeIdentity({
      first_name: 'Ivan',
      last_name: 'Petrov',
      dob: '1970-03-04T00:00:00Z',
      country: 'Russia',
      nationality: 'Russian',
    });
    const review = reviewIdentity(identity, { settings: DEFAULT_KYC_SETTINGS, index, candidates: [], today });
    expect(review.checks.find((c) => c.check_id === 'watchlist')?.status).toBe('fail');
    expect(review.risk.level).toBe('high');
    const dismissed = new Set(review.hits.map((h) => h.hit_id));
    const again = reviewIdentity(identity, { settings: DEFAULT_KYC_SETTINGS, index, candidates: [], today, dismissed });
    expect(again.hits).toEqual([]);
    expect(again.risk.level).toBe('low');
  });

  it('skips the watchlist check when names are tokenized', () => {
    const identity = makeIdentity({ meta_data: { tokenized_fields: ['FirstName', 'LastName'] } });
    const watchlist = reviewIdentity(identity, {
      settings: DEFAULT_KYC_SETTINGS,
      index,
      candidates: [],
      today,
    }).checks.find((c) => c.check_id === 'watchlist');
    expect(watchlist?.status).toBe('skipped');
    expect(watchlist?.reason).toBe('skipped: tokenized (first_name, last_name)');
  });

  it('scores a 9-year-old high, with the age as a hard stop, never medium', () => {
    const child = makeIdentity({ dob: '2017-06-01T00:00:00Z' });
    const review = reviewIdentity(child, { settings: DEFAULT_KYC_SETTINGS, index, candidates: [], today });
    expect(review.risk.level).toBe('high');
    expect(review.risk.hard_stops).toEqual([
      { code: 'under_minimum_age', label: 'Aged 9, under the minimum age of 18.' },
    ]);
    expect(approvalBlockers({ ...review, openHits: review.hits }).map((b) => b.code)).toEqual(['hard_stop']);
  });

  it('never scores an incomplete record low, and blocks approving a nameless organisation with no country', () => {
    const org = makeIdentity({
      identity_type: 'organization',
      organization_name: '',
      first_name: '',
      last_name: '',
      country: '',
      nationality: '',
      dob: '',
    });
    const review = reviewIdentity(org, { settings: DEFAULT_KYC_SETTINGS, index, candidates: [], today });
    expect(review.risk.level).toBe('medium');
    expect(approvalBlockers({ ...review, openHits: review.hits }).map((b) => [b.code, b.message])).toEqual([
      ['check_skipped', 'Watchlist screening: No name to screen.'],
      ['check_skipped', 'Country risk: No country or nationality to assess.'],
    ]);
  });
});
