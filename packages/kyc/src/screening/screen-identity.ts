import type { Identity, WatchlistHit } from '@kyc-review/contracts';
import { MAX_CORROBORATION_BOOST } from './corroboration';
import type { ScreeningSubject } from './query-names';
import { screeningSubject } from './query-names';
import { bestMatch, toHit } from './score-entry';
import { memoisedSimilarity, type WordSimilarity } from './token-similarity';
import { candidateEntries } from './candidate-entries';
import type { WatchlistIndex } from './watchlist-index';

export interface ScreenOptions {
  /** Hits at or above this score are returned (0.85 by default in the settings). */
  readonly threshold: number;
  /** Hit ids a reviewer marked false positive for this identity: never returned again. */
  readonly dismissed?: ReadonlySet<string>;
}

function collectHits(
  subject: ScreeningSubject,
  index: WatchlistIndex,
  entryIndexes: Iterable<number>,
  options: ScreenOptions,
  similarity: WordSimilarity,
): WatchlistHit[] {
  const hits: WatchlistHit[] = [];
  // A name must score at least this for corroboration to lift it to the threshold.
  const floor = options.threshold - MAX_CORROBORATION_BOOST;
  for (const entryIndex of entryIndexes) {
    const details = () => index.entryDetails(entryIndex);
    const match = bestMatch(subject, index.entryNames(entryIndex), details, similarity, floor);
    if (match === null || match.score < options.threshold) continue;
    const hit = toHit(index.entry(entryIndex), match);
    if (options.dismissed?.has(hit.hit_id) !== true) hits.push(hit);
  }
  return hits.sort((a, b) => b.score - a.score || a.entry.entry_id.localeCompare(b.entry.entry_id));
}

/** Screen an identity's names against the watchlist, comparing only blocked candidates. */
export function screenIdentity(identity: Identity, index: WatchlistIndex, options: ScreenOptions): WatchlistHit[] {
  const subject = screeningSubject(identity);
  return collectHits(
    subject,
    index,
    candidateEntries(subject, index, options.threshold),
    options,
    memoisedSimilarity(),
  );
}

/** The same screening against every entry: the reference the index must agree with. */
export function naiveScreen(identity: Identity, index: WatchlistIndex, options: ScreenOptions): WatchlistHit[] {
  return collectHits(screeningSubject(identity), index, Array(index.entryCount).keys(), options, memoisedSimilarity());
}
