import { describe, expect, it } from 'vitest';
import { makeEntry, strong } from '../../test/make-entry';
import { makeIdentity } from '../../test/make-identity';
import { naiveScreen, screenIdentity } from './screen-identity';
import { buildWatchlistIndex } from './index-builder';

const entry = makeEntry;
const threshold = 0.85;

describe('screenIdentity', () => {
  const index = buildWatchlistIndex([
    entry({
      entry_id: 'wle_1',
      name: 'Ivan Petrov',
      aliases: strong('Iwan Petroff'),
      dobs: ['1970-05'],
      countries: ['RU'],
    }),
    entry({ entry_id: 'wle_2', name: 'Acme Trading LLC', topic: 'debarment' }),
  ]);

  it('finds a listed person under a variant spelling and explains the hit', () => {
    const [hit, ...rest] = screenIdentity(
      makeIdentity({
        first_name: 'Ivan',
        last_name: 'Petroff',
        dob: '1970-05-17T00:00:00Z',
        nationality: 'Russian',
        country: 'Russia',
      }),
      index,
      { threshold },
    );
    expect(rest).toEqual([]);
    expect(hit?.entry.entry_id).toBe('wle_1');
    expect(hit?.dob).toBe('corroborates');
    expect(hit?.country).toBe('corroborates');
    expect(hit?.explanation).toContain('Demo sanctions');
    expect(hit?.hit_id).toMatch(/^hit_[0-9a-f]{16}$/);
  });

  it('lowers the score when dob and country contradict, and raises it when they corroborate', () => {
    const base = { first_name: 'Ivan', last_name: 'Petrov' };
    const agree = screenIdentity(
      makeIdentity({ ...base, dob: '1970-05-01T00:00:00Z', country: 'RU', nationality: '' }),
      index,
      { threshold: 0 },
    )[0];
    const unknown = screenIdentity(makeIdentity({ ...base, dob: '', country: '', nationality: '' }), index, {
      threshold: 0,
    })[0];
    const disagree = screenIdentity(
      makeIdentity({ ...base, dob: '1985-01-01T00:00:00Z', country: 'Canada', nationality: '' }),
      index,
      { threshold: 0 },
    )[0];
    expect(unknown?.score).toBe(1);
    expect(agree?.score).toBe(1);
    expect(disagree?.dob).toBe('contradicts');
    expect(disagree?.score).toBeLessThan(unknown?.score ?? 0);
    // Both contradicting: another person of the same name, below the default threshold.
    expect(disagree?.score).toBeCloseTo(0.8, 5);
    expect(disagree?.explanation).toContain('both contradict');
  });

  it('screens the organization name and gives a stable hit id', () => {
    const org = makeIdentity({
      identity_type: 'organization',
      first_name: '',
      last_name: '',
      organization_name: 'ACME Trading Ltd',
    });
    const first = screenIdentity(org, index, { threshold });
    const again = screenIdentity(org, index, { threshold });
    expect(first.map((h) => h.entry.entry_id)).toEqual(['wle_2']);
    expect(again[0]?.hit_id).toBe(first[0]?.hit_id);
  });

  it('never returns a dismissed hit, in the index or the naive scan', () => {
    const identity = makeIdentity({ first_name: 'Ivan', last_name: 'Petrov' });
    const [hit] = screenIdentity(identity, index, { threshold });
    const dismissed = new Set([hit?.hit_id ?? '']);
    expect(screenIdentity(identity, index, { threshold, dismissed })).toEqual([]);
    expect(naiveScreen(identity, index, { threshold, dismissed })).toEqual([]);
  });

  it('does not screen tokenized names', () => {
    const identity = makeIdentity({ first_name: 'FPT:abc', last_name: 'FPT:def' });
    expect(screenIdentity(identity, index, { threshold: 0.5 })).toEqual([]);
  });

  it('does not raise a shared surname alone', () => {
    expect(screenIdentity(makeIdentity({ first_name: 'Olga', last_name: 'Petrov' }), index, { threshold })).toEqual([]);
  });
});
