import type { Identity, WatchlistHit } from '@kyc-review/contracts';
import { MAX_CORROBORATION_BOOST } from './corroboration';
import type { ScreeningSubject } from './query-names';
import { screeningSubject } from './query-names';
import { bestMatch, toHit } from './score-entry';
import { memoisedSimilarity } from './token-similarity';
import type { WatchlistIndex } from './watchlist-index';
import { tokenKeys } from './watchlist-index';

export interface ScreenOptions {
  /** Hits at or above this score are returned (0.85 by default in the settings). */
  readonly threshold: number;
  /** Hit ids a reviewer marked false positive for this identity: never returned again. */
  readonly dismissed?: ReadonlySet<string>;
}

/**
 * Per-name word masks, reused between calls (and left zeroed after each): this loop walks
 * long posting lists for common names, and fresh arrays per identity kept the GC busy.
 * Safe because screening is synchronous.
 */
let scratch = { queryWords: new Uint16Array(0), entryWords: new Uint16Array(0) };
function scratchFor(size: number): typeof scratch {
  if (scratch.queryWords.length < size)
    scratch = { queryWords: new Uint16Array(size), entryWords: new Uint16Array(size) };
  return scratch;
}

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/**
 * Entries with a name that shares blocking keys with one of the subject's names on at
 * least two different words of each name (when both have two keyed words): one shared
 * word, a surname, scores below any sensible threshold by construction of the name score.
 * Counting words on both sides keeps "Anh Anna" from meeting every "Ana" twice.
 */
export function candidateEntries(subject: ScreeningSubject, index: WatchlistIndex): Set<number> {
  const entries = new Set<number>();
  const { queryWords, entryWords } = scratchFor(index.names.length);
  for (const query of subject.names) {
    // Only the query's own words count: its joined variants would count the first word
    // twice ("ivan" and "ivanpetrov" share a prefix key). Entries post their joined words'
    // keys too, so "Abdulrahman" still meets "Abdul Rahman".
    const words = [...new Map(query.name.tokens.map((t) => [t.text, t])).values()];
    const keyedWords = words.filter((t) => t.text.length >= 2).length;
    const touched: number[] = [];
    words.forEach((word, position) => {
      for (const key of tokenKeys(word, 'lookup')) {
        const postings = index.postings.get(key);
        if (postings === undefined) continue;
        for (let p = 0; p < postings.length; p += 2) {
          const nameId = postings[p] ?? 0;
          if ((queryWords[nameId] ?? 0) === 0) touched.push(nameId);
          queryWords[nameId] = (queryWords[nameId] ?? 0) | (1 << position);
          entryWords[nameId] = (entryWords[nameId] ?? 0) | (postings[p + 1] ?? 0);
        }
      }
    });
    for (const nameId of touched) {
      const name = index.names[nameId];
      const needed = Math.min(2, keyedWords, name?.keyedWords ?? 0);
      if (
        name !== undefined &&
        bitCount(queryWords[nameId] ?? 0) >= needed &&
        bitCount(entryWords[nameId] ?? 0) >= needed
      ) {
        entries.add(name.entryIndex);
      }
      queryWords[nameId] = 0;
      entryWords[nameId] = 0;
    }
  }
  return entries;
}

function collectHits(
  subject: ScreeningSubject,
  index: WatchlistIndex,
  entryIndexes: Iterable<number>,
  options: ScreenOptions,
): WatchlistHit[] {
  const hits: WatchlistHit[] = [];
  const similarity = memoisedSimilarity();
  // A name must score at least this for corroboration to lift it to the threshold.
  const floor = options.threshold - MAX_CORROBORATION_BOOST;
  for (const entryIndex of entryIndexes) {
    const entry = index.entries[entryIndex];
    if (entry === undefined) continue;
    const match = bestMatch(subject, entry, entry.names, similarity, floor);
    if (match === null || match.score < options.threshold) continue;
    const hit = toHit(entry, match);
    if (options.dismissed?.has(hit.hit_id) !== true) hits.push(hit);
  }
  return hits.sort((a, b) => b.score - a.score || a.entry.entry_id.localeCompare(b.entry.entry_id));
}

/** Screen an identity's names against the watchlist, comparing only blocked candidates. */
export function screenIdentity(identity: Identity, index: WatchlistIndex, options: ScreenOptions): WatchlistHit[] {
  const subject = screeningSubject(identity);
  return collectHits(subject, index, candidateEntries(subject, index), options);
}

/** The same screening against every entry: the reference the index must agree with. */
export function naiveScreen(identity: Identity, index: WatchlistIndex, options: ScreenOptions): WatchlistHit[] {
  return collectHits(screeningSubject(identity), index, index.entries.keys(), options);
}
