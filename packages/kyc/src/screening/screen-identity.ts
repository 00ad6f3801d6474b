import type { Identity, WatchlistHit } from '@kyc-review/contracts';
import { MAX_CORROBORATION_BOOST } from './corroboration';
import type { ScreeningSubject } from './query-names';
import { screeningSubject } from './query-names';
import { bestMatch, toHit } from './score-entry';
import { memoisedSimilarity } from './token-similarity';
import type { WatchlistIndex } from './watchlist-index';
import { acronymKeys, comparable, JOINED_WORD, tokenKeys } from './watchlist-index';

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
const MASKS = ['queryOwn', 'queryViaJoined', 'entryOwn', 'entryViaJoined'] as const;
type Masks = Record<(typeof MASKS)[number], Uint32Array>;
let scratch: Masks = {
  queryOwn: new Uint32Array(0),
  queryViaJoined: new Uint32Array(0),
  entryOwn: new Uint32Array(0),
  entryViaJoined: new Uint32Array(0),
};
function scratchFor(size: number): Masks {
  if (scratch.queryOwn.length < size)
    scratch = {
      queryOwn: new Uint32Array(size),
      queryViaJoined: new Uint32Array(size),
      entryOwn: new Uint32Array(size),
      entryViaJoined: new Uint32Array(size),
    };
  return scratch;
}

/**
 * A name can only score above ½ when every word of the shorter name has a word of the
 * other name (or a joined pair of them) with a non-zero similarity: its weakest pair is 0
 * otherwise. Non-zero similarity implies a shared blocking key (tokenSimilarity returns 0
 * without one), so above a name floor of ½ a name is a candidate only when the keys cover
 * every word of the shorter side; below it, when any key is shared. Either way the index
 * returns every entry the full scan would score at or above the threshold.
 */
export function candidateEntries(subject: ScreeningSubject, index: WatchlistIndex, threshold: number): Set<number> {
  const entries = new Set<number>();
  const strict = threshold - MAX_CORROBORATION_BOOST > 0.5;
  const masks = scratchFor(index.names.length);
  const { queryOwn, queryViaJoined, entryOwn, entryViaJoined } = masks;
  for (const query of subject.names) {
    const touched: number[] = [];
    const touch = (nameId: number) => {
      if ((queryOwn[nameId] ?? 0) === 0 && (entryViaJoined[nameId] ?? 0) === 0 && (queryViaJoined[nameId] ?? 0) === 0)
        touched.push(nameId);
    };
    query.name.tokens.forEach((word, position) => {
      const bit = 1 << position;
      for (const key of tokenKeys(word, 'lookup')) {
        const postings = index.postings.get(key);
        if (postings === undefined) continue;
        for (let p = 0; p < postings.length; p += 2) {
          const nameId = postings[p] ?? 0;
          const mask = postings[p + 1] ?? 0;
          touch(nameId);
          if ((mask & JOINED_WORD) !== 0) queryViaJoined[nameId] = (queryViaJoined[nameId] ?? 0) | bit;
          else {
            queryOwn[nameId] = (queryOwn[nameId] ?? 0) | bit;
            entryOwn[nameId] = (entryOwn[nameId] ?? 0) | mask;
          }
        }
      }
    });
    // The query's joined words meet an entry's own words when the query is the longer name.
    query.joined.forEach((variant, position) => {
      const word = variant.tokens[position];
      if (word === undefined) return;
      for (const key of tokenKeys(word, 'lookup')) {
        const postings = index.postings.get(key);
        if (postings === undefined) continue;
        for (let p = 0; p < postings.length; p += 2) {
          const nameId = postings[p] ?? 0;
          const mask = postings[p + 1] ?? 0;
          if ((mask & JOINED_WORD) !== 0) continue;
          touch(nameId);
          entryViaJoined[nameId] = (entryViaJoined[nameId] ?? 0) | mask | JOINED_WORD;
        }
      }
    });
    const n = query.name.tokens.length;
    const queryMask = (1 << n) - 1;
    for (const nameId of touched) {
      const name = index.names[nameId];
      if (name !== undefined && comparable(query.name.kind, name.type)) {
        const m = name.name.tokens.length;
        const queryCover = (queryOwn[nameId] ?? 0) | (m > n ? (queryViaJoined[nameId] ?? 0) : 0);
        const entryCover = ((entryOwn[nameId] ?? 0) | (n > m ? (entryViaJoined[nameId] ?? 0) : 0)) & ~JOINED_WORD;
        const covered =
          (n > m || (queryCover & queryMask) === queryMask) &&
          (m > n || (entryCover & name.wordMask) === name.wordMask);
        if (!strict || covered) entries.add(name.entryIndex);
      }
      for (const key of MASKS) masks[key][nameId] = 0;
    }
    for (const key of acronymKeys(query.name, 'lookup')) {
      const postings = index.postings.get(key);
      for (let p = 0; postings !== undefined && p < postings.length; p += 2) {
        const name = index.names[postings[p] ?? 0];
        if (name !== undefined && comparable(query.name.kind, name.type)) entries.add(name.entryIndex);
      }
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
    const match = bestMatch(subject, entry, similarity, floor);
    if (match === null || match.score < options.threshold) continue;
    const hit = toHit(entry, match);
    if (options.dismissed?.has(hit.hit_id) !== true) hits.push(hit);
  }
  return hits.sort((a, b) => b.score - a.score || a.entry.entry_id.localeCompare(b.entry.entry_id));
}

/** Screen an identity's names against the watchlist, comparing only blocked candidates. */
export function screenIdentity(identity: Identity, index: WatchlistIndex, options: ScreenOptions): WatchlistHit[] {
  const subject = screeningSubject(identity);
  return collectHits(subject, index, candidateEntries(subject, index, options.threshold), options);
}

/** The same screening against every entry: the reference the index must agree with. */
export function naiveScreen(identity: Identity, index: WatchlistIndex, options: ScreenOptions): WatchlistHit[] {
  return collectHits(screeningSubject(identity), index, index.entries.keys(), options);
}
