import { DEFAULT_KYC_SETTINGS } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { fromFormState, parseCodes, toFormState } from './settings-form-state';

describe('the settings form state', () => {
  it('round-trips the settings unchanged', () => {
    expect(fromFormState(toFormState(DEFAULT_KYC_SETTINGS))).toEqual({ settings: DEFAULT_KYC_SETTINGS });
  });

  it('reads country codes separated by commas or spaces, in any case, once each', () => {
    expect(parseCodes(' kp, IR ir;mm\n')).toEqual(['KP', 'IR', 'MM']);
  });

  it('puts each validation message under its own field', () => {
    const form = toFormState(DEFAULT_KYC_SETTINGS);
    const result = fromFormState({
      ...form,
      min_age: '',
      watchlist_threshold: '0.2',
      call_for_action: 'KP, Iran',
      band_medium: '0.9',
      weights: { ...form.weights, watchlist_hit: '3' },
    });
    expect(result).toEqual({
      errors: {
        min_age: 'Enter a number.',
        watchlist_threshold: expect.stringMatching(/0\.5/),
        call_for_action: 'Entry 2: must be an ISO 3166 alpha-2 code',
        band_medium: 'the medium cut-off must be below the high cut-off',
        'weight.watchlist_hit': expect.stringMatching(/1/),
      },
    });
  });
});
