import { DEFAULT_KYC_SETTINGS } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { identityNamed, LABELLED, labelledEntries, type LabelledPair } from '../../test/labelled-set';
import { screeningSubject } from './query-names';
import { candidateEntries } from './candidate-entries';
import { naiveScreen, screenIdentity } from './screen-identity';
import { buildWatchlistIndex } from './index-builder';

const threshold = DEFAULT_KYC_SETTINGS.watchlist_threshold;
const index = buildWatchlistIndex(labelledEntries());
const targetHit = (pair: LabelledPair) =>
  naiveScreen(identityNamed(pair.query, pair.kind), index, { threshold }).find((h) => h.entry.name === pair.target);

describe('the matcher on the labelled set', () => {
  it('has enough pairs of each kind to mean something', () => {
    expect(LABELLED.must_match.length).toBeGreaterThanOrEqual(80);
    expect(LABELLED.must_not_match.length).toBeGreaterThanOrEqual(80);
  });

  it('finds 100% of the must-match pairs at the default threshold', () => {
    const missed = LABELLED.must_match.filter((p) => targetHit(p) === undefined);
    console.info(
      `must-match recall: ${String(LABELLED.must_match.length - missed.length)}/${String(LABELLED.must_match.length)}`,
    );
    expect(missed).toEqual([]);
  });

  it('raises at most 5% false positives on the near-misses', () => {
    const falsePositives = LABELLED.must_not_match.filter((p) => targetHit(p) !== undefined);
    const rate = falsePositives.length / LABELLED.must_not_match.length;
    console.info(
      `near-miss false-positive rate: ${(rate * 100).toFixed(1)}% (${falsePositives.map((p) => `${p.query} ~ ${p.target}`).join('; ')})`,
    );
    expect(rate).toBeLessThanOrEqual(0.05);
  });

  it('gives exactly the naive scan hits when screening through the index', () => {
    for (const pair of [...LABELLED.must_match, ...LABELLED.must_not_match]) {
      const identity = identityNamed(pair.query, pair.kind);
      const summary = (hits: ReturnType<typeof naiveScreen>) => hits.map((h) => `${h.hit_id}:${String(h.score)}`);
      expect(summary(screenIdentity(identity, index, { threshold })), pair.query).toEqual(
        summary(naiveScreen(identity, index, { threshold })),
      );
    }
  });

  it('compares an identity with a small fraction of the entries', () => {
    const queries = [...LABELLED.must_match, ...LABELLED.must_not_match].map((p) => identityNamed(p.query, p.kind));
    const compared = queries.reduce(
      (sum, identity) => sum + candidateEntries(screeningSubject(identity), index, threshold).size,
      0,
    );
    const fraction = compared / (queries.length * index.entryCount);
    console.info(`index compares ${(fraction * 100).toFixed(1)}% of the entries on average`);
    expect(fraction).toBeLessThan(0.1);
  });
});
