import { DEFAULT_KYC_SETTINGS, WatchlistEntry } from '@kyc-review/contracts';
import type { CheckResult, WatchlistHit } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { assessRisk } from './risk';

const check = (
  check_id: CheckResult['check_id'],
  status: CheckResult['status'],
  evidence: CheckResult['evidence'] = {},
): CheckResult => ({
  check_id,
  status,
  title: check_id,
  reason: `${check_id} ${status}`,
  evidence,
});
const hit: WatchlistHit = {
  hit_id: 'hit_0123456789abcdef',
  entry: WatchlistEntry.parse({
    entry_id: 'wle_1',
    name: 'Ivan Petrov',
    aliases: [],
    dob: null,
    country: null,
    list: 'Demo',
    topic: 'pep',
  }),
  matched_name: 'Ivan Petrov',
  query_name: 'Ivan Petrov',
  score: 0.9,
  set_aside: [],
  attributes: [],
  dob: 'unknown',
  country: 'unknown',
  explanation: '',
};
const allPass = (['required_fields', 'age', 'watchlist', 'country_risk', 'duplicates', 'tokenized_pii'] as const).map(
  (id) => check(id, 'pass'),
);

describe('assessRisk', () => {
  it('is low with no reasons', () => {
    expect(assessRisk(allPass, [], DEFAULT_KYC_SETTINGS)).toEqual({
      score: 0,
      level: 'low',
      reasons: [],
      capped: false,
      uncapped: 0,
      hard_stops: [],
      floors: [],
    });
  });

  it('adds the weights of every reason and lists them, heaviest first', () => {
    const risk = assessRisk(
      [check('required_fields', 'warn'), check('duplicates', 'warn'), check('vendor_verification', 'skipped')],
      [],
      DEFAULT_KYC_SETTINGS,
    );
    expect(risk.reasons.map((r) => r.code)).toEqual(['duplicate_identity', 'required_fields_missing']);
    expect(risk.score).toBe(0.35);
    expect(risk.level).toBe('medium');
  });

  it('makes a single watchlist hit or call-for-action country high, whatever the weights', () => {
    const light = {
      ...DEFAULT_KYC_SETTINGS,
      risk_weights: { ...DEFAULT_KYC_SETTINGS.risk_weights, watchlist_hit: 0.1, country_call_for_action: 0.1 },
    };
    expect(assessRisk(allPass, [hit], light).level).toBe('high');
    const cfa = assessRisk(
      [check('country_risk', 'fail', { fatf_list: 'call_for_action', unrecognised: [] })],
      [],
      light,
    );
    expect(cfa.level).toBe('high');
    expect(cfa.score).toBeGreaterThanOrEqual(light.risk_bands.high);
  });

  it('names both an increased-monitoring country and unrecognised text', () => {
    const risk = assessRisk(
      [check('country_risk', 'warn', { fatf_list: 'increased_monitoring', unrecognised: ['country "X"'] })],
      [],
      DEFAULT_KYC_SETTINGS,
    );
    expect(risk.reasons.map((r) => r.code)).toEqual(['country_increased_monitoring', 'country_unrecognised']);
    expect(risk.level).toBe('medium');
  });

  it('follows the band cut-offs in the settings and caps the score at 1', () => {
    const checks = [check('age', 'fail'), check('vendor_verification', 'fail'), check('duplicates', 'warn')];
    expect(assessRisk(checks, [], DEFAULT_KYC_SETTINGS)).toMatchObject({
      score: 1,
      level: 'high',
      capped: true,
      uncapped: 1.25,
    });
    const strict = { ...DEFAULT_KYC_SETTINGS, risk_bands: { medium: 0.05, high: 0.09 } };
    expect(assessRisk([check('required_fields', 'warn')], [], strict).level).toBe('high');
  });

  it('says when the score is not capped', () => {
    const risk = assessRisk([check('duplicates', 'warn')], [], DEFAULT_KYC_SETTINGS);
    expect(risk).toMatchObject({ score: 0.25, capped: false, uncapped: 0.25 });
  });
});

describe('hard stops', () => {
  const light = {
    ...DEFAULT_KYC_SETTINGS,
    risk_weights: { ...DEFAULT_KYC_SETTINGS.risk_weights, age_under_minimum: 0.05, watchlist_hit: 0.05 },
  };

  it('makes an identity under the minimum age high, whatever the weights', () => {
    const risk = assessRisk([check('age', 'fail')], [], light);
    expect(risk.level).toBe('high');
    expect(risk.hard_stops).toEqual([{ code: 'under_minimum_age', label: 'age fail' }]);
  });

  it('makes a call-for-action country a hard stop', () => {
    const risk = assessRisk(
      [check('country_risk', 'fail', { fatf_list: 'call_for_action', unrecognised: [] })],
      [],
      light,
    );
    expect(risk.hard_stops.map((s) => s.code)).toEqual(['call_for_action_country']);
  });

  it('makes a confirmed sanctions hit a hard stop; an open or a PEP one is not', () => {
    const sanction: WatchlistHit = { ...hit, entry: { ...hit.entry, topic: 'sanction' } };
    expect(assessRisk(allPass, [sanction], light).hard_stops).toEqual([]);
    expect(assessRisk(allPass, [hit], light, new Set(['wle_1'])).hard_stops).toEqual([]);
    const confirmed = assessRisk(allPass, [sanction], light, new Set(['wle_1']));
    expect(confirmed.hard_stops).toEqual([
      { code: 'confirmed_sanctions_hit', label: 'Confirmed sanctions match: Ivan Petrov on Demo.' },
    ]);
    expect(confirmed.level).toBe('high');
  });
});

describe('incomplete records', () => {
  it('are never low: missing fields, a missing date of birth or an unscreened name lift the score to medium', () => {
    for (const checks of [
      [check('required_fields', 'warn')],
      [check('age', 'warn')],
      [check('watchlist', 'skipped')],
      [check('country_risk', 'skipped')],
    ]) {
      const risk = assessRisk(checks, [], DEFAULT_KYC_SETTINGS);
      expect(risk.level).toBe('medium');
      expect(risk.score).toBe(DEFAULT_KYC_SETTINGS.risk_bands.medium);
      expect(risk.floors).toHaveLength(1);
    }
  });

  it('does not count an organisation having no date of birth', () => {
    const orgAge = { ...check('age', 'skipped'), evidence: { not_applicable: true } };
    expect(assessRisk([orgAge], [], DEFAULT_KYC_SETTINGS).level).toBe('low');
  });
});
