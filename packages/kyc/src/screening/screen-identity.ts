import type { Identity, WatchlistHit } from '@kyc-review/contracts';
import { MAX_CORROBORATION_BOOST } from './corroboration';
import type { ScreeningSubject } from './query-names';
import { screeningSubject } from './query-names';
import { bestMatch, toHit } from './score-entry';
import { memoisedSimilarity, type WordSimilarity } from './token-similarity';
import { acronymKeys, JOINED_WORD, keyHash, kindBit, tokenKeys } from './blocking-keys';
import { findSlot } from './index-tables';
import type { PreparedToken } from './prepared-token';
import type { WatchlistIndex } from './watchlist-index';

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
type Masks = Record<'queryOwn' | 'queryViaJoined' | 'entryOwn' | 'entryViaJoined', Uint32Array>;
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

/** An identity word's lookup keys, hashed once per prepared word (prepared words are shared and never change). */
const lookupHashes = new WeakMap<PreparedToken, readonly number[]>();
function lookupHashesOf(token: PreparedToken): readonly number[] {
  let hashes = lookupHashes.get(token);
  if (hashes === undefined) lookupHashes.set(token, (hashes = tokenKeys(token, 'lookup').map(keyHash)));
  return hashes;
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
  const { queryOwn, queryViaJoined, entryOwn, entryViaJoined } = scratchFor(index.nameCount);
  const { postings, slotStart, slotLength, nameEntry, wordCount, wordMask: wordMasks, comparableTo } = index.data;
  const touched: number[] = [];
  for (const query of subject.names) {
    touched.length = 0;
    const tokens = query.name.tokens;
    for (let position = 0; position < tokens.length; position++) {
      const word = tokens[position];
      if (word === undefined) continue;
      const bit = 1 << position;
      for (const hash of lookupHashesOf(word)) {
        const slot = findSlot(index.data, hash);
        if (slot < 0) continue;
        const end = ((slotStart[slot] as number) + (slotLength[slot] as number)) * 2;
        for (let p = (slotStart[slot] as number) * 2; p < end; p += 2) {
          const nameId = postings[p] as number;
          const mask = postings[p + 1] as number;
          if (
            (queryOwn[nameId] as number) === 0 &&
            (entryViaJoined[nameId] as number) === 0 &&
            (queryViaJoined[nameId] as number) === 0
          )
            touched.push(nameId);
          if ((mask & JOINED_WORD) !== 0) queryViaJoined[nameId] = (queryViaJoined[nameId] as number) | bit;
          else {
            queryOwn[nameId] = (queryOwn[nameId] as number) | bit;
            entryOwn[nameId] = (entryOwn[nameId] as number) | mask;
          }
        }
      }
    }
    // The query's joined words meet an entry's own words when the query is the longer name.
    for (let position = 0; position < query.joined.length; position++) {
      const word = query.joined[position]?.tokens[position];
      if (word === undefined) continue;
      for (const hash of lookupHashesOf(word)) {
        const slot = findSlot(index.data, hash);
        if (slot < 0) continue;
        const end = ((slotStart[slot] as number) + (slotLength[slot] as number)) * 2;
        for (let p = (slotStart[slot] as number) * 2; p < end; p += 2) {
          const nameId = postings[p] as number;
          const mask = postings[p + 1] as number;
          if ((mask & JOINED_WORD) !== 0) continue;
          if (
            (queryOwn[nameId] as number) === 0 &&
            (entryViaJoined[nameId] as number) === 0 &&
            (queryViaJoined[nameId] as number) === 0
          )
            touched.push(nameId);
          entryViaJoined[nameId] = (entryViaJoined[nameId] as number) | mask | JOINED_WORD;
        }
      }
    }
    const n = tokens.length;
    const queryMask = (1 << n) - 1;
    const kind = kindBit(query.name.kind);
    for (const nameId of touched) {
      if (((comparableTo[nameId] as number) & kind) !== 0) {
        const m = wordCount[nameId] as number;
        const wordMask = wordMasks[nameId] as number;
        const queryCover = (queryOwn[nameId] as number) | (m > n ? (queryViaJoined[nameId] as number) : 0);
        const entryCover =
          ((entryOwn[nameId] as number) | (n > m ? (entryViaJoined[nameId] as number) : 0)) & ~JOINED_WORD;
        const covered =
          (n > m || (queryCover & queryMask) === queryMask) && (m > n || (entryCover & wordMask) === wordMask);
        if (!strict || covered) entries.add(nameEntry[nameId] as number);
      }
      queryOwn[nameId] = 0;
      queryViaJoined[nameId] = 0;
      entryOwn[nameId] = 0;
      entryViaJoined[nameId] = 0;
    }
    for (const key of acronymKeys(query.name, 'lookup')) {
      const slot = findSlot(index.data, keyHash(key));
      if (slot < 0) continue;
      const end = ((slotStart[slot] as number) + (slotLength[slot] as number)) * 2;
      for (let p = (slotStart[slot] as number) * 2; p < end; p += 2) {
        const nameId = postings[p] as number;
        if (((comparableTo[nameId] as number) & kind) !== 0) entries.add(nameEntry[nameId] as number);
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
