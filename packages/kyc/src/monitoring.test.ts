import { DEFAULT_KYC_SETTINGS, WatchlistEntry } from '@kyc-review/contracts';
import type { CheckResult, WatchlistHit } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { approvalBlockers, baselineOf, changesSince, ledgerBaseline, type ReviewState } from './monitoring';
import { assessRisk } from './risk';

const check = (check_id: CheckResult['check_id'], status: CheckResult['status'], evidence = {}): CheckResult => ({
  check_id,
  status,
  title: check_id,
  reason: `${check_id} ${status}`,
  evidence,
});
const hitOn = (entryId: string, score = 0.9, extra: Partial<WatchlistEntry> = {}): WatchlistHit => ({
  hit_id: `hit_${entryId.padEnd(16, '0').slice(0, 16)}`,
  entry: WatchlistEntry.parse({
    entry_id: entryId,
    name: `Person ${entryId}`,
    entry_type: 'person',
    aliases: [],
    dobs: [],
    nationalities: [],
    countries: [],
    source: null,
    programmes: [],
    list: 'Demo PEP',
    topic: 'pep',
    ...extra,
  }),
  matched_name: `Person ${entryId}`,
  query_name: 'Ada Lovelace',
  score,
  dob: 'unknown',
  country: 'unknown',
  explanation: '',
  set_aside: [],
  attributes: [],
});
const state = (checks: CheckResult[], openHits: WatchlistHit[] = [], confirmed: string[] = []): ReviewState => ({
  checks,
  openHits,
  risk: assessRisk(checks, openHits, DEFAULT_KYC_SETTINGS, new Set(confirmed)),
});
const clean = [check('required_fields', 'pass'), check('age', 'pass'), check('watchlist', 'pass')];

describe('what changed since the decision', () => {
  const decided = baselineOf(state(clean));

  it('is nothing when nothing changed, or when things got better', () => {
    expect(changesSince(decided, state(clean))).toEqual([]);
    const worse = baselineOf(state([...clean, check('country_risk', 'fail')], [hitOn('a')]));
    expect(changesSince(worse, state(clean))).toEqual([]);
  });

  it('names a new open hit, and a higher band', () => {
    const changes = changesSince(decided, state(clean, [hitOn('a')]));
    expect(changes.map((c) => c.kind)).toEqual(['new_hit', 'risk_band_up']);
    expect(changes[0]).toMatchObject({ entry_name: 'Person a', list: 'Demo PEP', key: 'new_hit:a' });
    expect(changes[0]?.summary).toBe('New watchlist match: Person a on Demo PEP (match 90%).');
    expect(changes[1]?.summary).toMatch(/^Risk went up from low to high/);
  });

  it('names a changed hit: another entry content, another matched name or a clearly stronger match', () => {
    const before = baselineOf(state(clean, [hitOn('a', 0.88)]));
    expect(changesSince(before, state(clean, [hitOn('a', 0.9)]))).toEqual([]);
    const stronger = changesSince(before, state(clean, [hitOn('a', 0.97)]));
    expect(stronger).toMatchObject([{ kind: 'changed_hit', score_before: 0.88, score: 0.97 }]);
    const edited = changesSince(before, state(clean, [hitOn('a', 0.88, { dobs: ['1970'] })]));
    expect(edited[0]?.summary).toContain('the list entry changed');
    const renamed = { ...hitOn('a', 0.88), hit_id: 'hit_ffffffffffffffff' };
    expect(changesSince(before, state(clean, [renamed]))[0]?.summary).toContain('another name matched');
  });

  it('names a newly failing check, not one that failed already', () => {
    const failing = [...clean, check('vendor_verification', 'fail')];
    expect(changesSince(decided, state(failing)).map((c) => c.key)).toContain('check_failing:vendor_verification');
    expect(changesSince(baselineOf(state(failing)), state(failing))).toEqual([]);
  });

  it('treats a case decided outside the app as decided on nothing but its ledger band', () => {
    const fromLedger = ledgerBaseline('high');
    expect(changesSince(fromLedger, state(clean, [hitOn('a')])).map((c) => c.kind)).toEqual(['new_hit']);
  });
});

describe('approval blockers', () => {
  it('are none for a complete, clean case', () => {
    expect(approvalBlockers(state(clean))).toEqual([]);
  });

  it('list skipped checks, open hits and hard stops', () => {
    const checks = [
      { ...check('watchlist', 'skipped'), reason: 'No name to screen.' },
      check('age', 'fail'),
      check('country_risk', 'fail', { fatf_list: 'call_for_action' }),
    ];
    const blockers = approvalBlockers(state(checks, [hitOn('a')]));
    expect(blockers.map((b) => b.code)).toEqual(['check_skipped', 'open_hit', 'hard_stop', 'hard_stop']);
    expect(blockers[0]?.message).toBe('watchlist: No name to screen.');
    expect(blockers[1]?.message).toBe('Open watchlist match: Person a on Demo PEP needs a verdict.');
  });

  it('do not count an organisation having no date of birth', () => {
    const org = [...clean.filter((c) => c.check_id !== 'age'), check('age', 'skipped', { not_applicable: true })];
    expect(approvalBlockers(state(org))).toEqual([]);
  });
});
