import { DEFAULT_KYC_SETTINGS, WatchlistEntry, type Identity, type KycSettings } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { makeIdentity } from '../test/make-identity';
import { rescoreReview, reviewIdentity } from './review-identity';
import { buildWatchlistIndex } from './screening/index-builder';

// The settings impact preview re-scores stored reviews instead of running every check again:
// for any settings it must say what a full review under those settings says.

const index = buildWatchlistIndex(
  [
    { entry_id: 'wle_1', name: 'Ivan Petrov', dob: '1970', country: 'RU', list: 'Demo sanctions', topic: 'sanction' },
    { entry_id: 'wle_2', name: 'Maria Gonzalez Lopez', country: 'MX', list: 'Demo PEP', topic: 'pep' },
  ].map((e) => WatchlistEntry.parse({ aliases: [], ...e })),
);
const today = new Date('2026-11-22T00:00:00Z');

const identities: Identity[] = [
  makeIdentity(),
  makeIdentity({ first_name: 'Ivan', last_name: 'Petrov', dob: '1970-03-04T00:00:00Z', country: 'Russia' }),
  makeIdentity({ first_name: 'Ivan', last_name: 'Petrof', dob: '1971-03-04T00:00:00Z', nationality: 'Vietnamese' }),
  makeIdentity({ first_name: 'Maria', last_name: 'Gonzales', country: 'Mexico', dob: '2009-05-01T00:00:00Z' }),
  makeIdentity({ first_name: 'Kim', last_name: 'Sun', country: 'Iran', dob: '2006-01-01T00:00:00Z' }),
  makeIdentity({ meta_data: { tokenized_fields: ['FirstName', 'LastName'] } }),
];

const variants: Array<[string, KycSettings]> = [
  ['the same settings', DEFAULT_KYC_SETTINGS],
  ['a higher minimum age', { ...DEFAULT_KYC_SETTINGS, min_age: 21 }],
  ['a higher threshold', { ...DEFAULT_KYC_SETTINGS, watchlist_threshold: 0.95 }],
  ['narrower bands', { ...DEFAULT_KYC_SETTINGS, risk_bands: { medium: 0.1, high: 0.4 } }],
  [
    'another FATF list',
    {
      ...DEFAULT_KYC_SETTINGS,
      fatf: { ...DEFAULT_KYC_SETTINGS.fatf, call_for_action: ['VN'], increased_monitoring: [] },
    },
  ],
  [
    'other weights',
    { ...DEFAULT_KYC_SETTINGS, risk_weights: { ...DEFAULT_KYC_SETTINGS.risk_weights, tokenized_pii: 0.6 } },
  ],
];

describe('rescoreReview', () => {
  it.each(variants)('says what a full review says under %s', (_, settings) => {
    for (const identity of identities) {
      const previous = reviewIdentity(identity, { settings: DEFAULT_KYC_SETTINGS, index, candidates: [], today });
      const full = reviewIdentity(identity, { settings, index, candidates: [], today });
      expect(rescoreReview(identity, previous, { settings, index, today, rescreen: false })).toEqual(full);
    }
  });

  it('finds the hits a lower threshold adds only when it screens again', () => {
    const identity = identities[2];
    if (identity === undefined) throw new Error('fixture');
    const strict = { ...DEFAULT_KYC_SETTINGS, watchlist_threshold: 0.99 };
    const loose = { ...DEFAULT_KYC_SETTINGS, watchlist_threshold: 0.6 };
    const previous = reviewIdentity(identity, { settings: strict, index, candidates: [], today });
    const full = reviewIdentity(identity, { settings: loose, index, candidates: [], today });
    expect(full.hits.length).toBeGreaterThan(previous.hits.length);
    expect(rescoreReview(identity, previous, { settings: loose, index, today, rescreen: true })).toEqual(full);
    expect(rescoreReview(identity, previous, { settings: loose, index, today, rescreen: false }).hits).toEqual(
      previous.hits,
    );
  });

  it('keeps a dismissed entry dismissed when it screens again, and scores a confirmed sanctions hit as a hard stop', () => {
    const identity = identities[1];
    if (identity === undefined) throw new Error('fixture');
    const loose = { ...DEFAULT_KYC_SETTINGS, watchlist_threshold: 0.6 };
    const previous = reviewIdentity(identity, { settings: DEFAULT_KYC_SETTINGS, index, candidates: [], today });
    const dismissed = rescoreReview(identity, previous, {
      settings: loose,
      index,
      today,
      rescreen: true,
      dismissedEntries: new Set(['wle_1']),
    });
    expect(dismissed.hits.map((h) => h.entry.entry_id)).not.toContain('wle_1');
    const confirmed = rescoreReview(identity, previous, {
      settings: DEFAULT_KYC_SETTINGS,
      index,
      today,
      rescreen: false,
      confirmed: new Set(['wle_1']),
    });
    expect(confirmed.risk.hard_stops.map((s) => s.code)).toContain('confirmed_sanctions_hit');
  });
});
