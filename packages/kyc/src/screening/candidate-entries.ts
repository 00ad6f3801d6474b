import { MAX_CORROBORATION_BOOST } from './corroboration';
import type { QueryName, ScreeningSubject } from './query-names';
import { acronymKeys, keyHash, kindBit, tokenKeys } from './blocking-keys';
import { findSlot, firstWithAtLeast, slotHolds } from './index-tables';
import type { PreparedToken } from './prepared-token';
import type { WatchlistIndex, WatchlistIndexData } from './watchlist-index';

// The candidate filter of screening (decision 006): which entries are worth scoring.
//
// A name can only score above ½ when every word of the shorter name has a word of the
// other name (or a joined pair of them) with a non-zero similarity: its weakest pair is 0
// otherwise. Non-zero similarity implies a shared blocking key (tokenSimilarity returns 0
// without one), so above a name floor of ½ a name is a candidate only when the keys cover
// every word of the shorter side; below it, when any key is shared. Either way the index
// returns every entry the full scan would score at or above the threshold.
//
// Keys lead to words, not names: each identity word marks the index words that share a key
// with it (a bit per identity word), and a name's cover is read from its own few words'
// marks. So only some names need visiting:
// - a name longer than the identity's covers each identity word, so the cheapest: only the
//   names of the words the identity word with the fewest names marked are visited;
// - a name shorter has each of its words covered, so its lead word (the one fewest words
//   share a key with, index-builder.ts): names are visited through their lead word's keys;
// - a name as long has both, and is visited whichever way visits fewer.

/** An identity word's lookup keys, hashed once per prepared word (prepared words are shared and never change). */
const lookupHashes = new WeakMap<PreparedToken, readonly number[]>();
function lookupHashesOf(token: PreparedToken): readonly number[] {
  let hashes = lookupHashes.get(token);
  if (hashes === undefined) lookupHashes.set(token, (hashes = tokenKeys(token, 'lookup').map(keyHash)));
  return hashes;
}

/**
 * One identity name's walk over the index. Its marks (per index word and per name) are
 * reused between calls: a mark counts only when it carries the current generation, so
 * nothing is cleared between identities. Safe because screening is synchronous.
 */
class Walk {
  private ownAt = new Uint32Array(0);
  private ownBits = new Uint32Array(0);
  /** Whether an index word shares a key with a joined pair of the identity's words: checked, and the answer. */
  private joinedCheckedAt = new Uint32Array(0);
  private joinedAt = new Uint32Array(0);
  private visitedAt = new Uint32Array(0);
  private generation = 0;
  private readonly marked: number[] = [];
  /** keyWords slots of the identity's joined words' keys. */
  private readonly joinedSlots: number[] = [];
  private cost = new Float64Array(16);
  /** How many names the marked words lead, and the joined words' lead keys list. */
  private leadNames = 0;
  private d!: WatchlistIndexData;
  private g = 0;
  private n = 0;
  private kind = 0;
  private strict = true;
  private entries!: Set<number>;

  run(query: QueryName, index: WatchlistIndex, strict: boolean, entries: Set<number>): void {
    this.begin(index, query, entries);
    this.strict = strict;
    const costs = this.markOwnWords(query.name.tokens);
    this.findJoinedSlots(query);
    if (!strict) {
      this.visitAnyShared();
      return;
    }
    const n = this.n;
    let cheapest = 0;
    for (let position = 1; position < n; position++)
      if ((costs[position] ?? 0) < (costs[cheapest] ?? 0)) cheapest = position;
    const byLead = this.leadCost(query) < (costs[cheapest] ?? 0);
    this.visitByIdentityWord(cheapest, byLead ? n + 1 : n);
    this.visitByLeadWord(query, byLead ? n + 1 : n);
  }

  private begin(index: WatchlistIndex, query: QueryName, entries: Set<number>): void {
    const words = index.wordCount;
    const names = index.nameCount;
    if (this.ownAt.length < words || this.visitedAt.length < names || this.generation >= 0xffff_fff0) {
      const w = Math.max(words, this.ownAt.length);
      this.ownAt = new Uint32Array(w);
      this.ownBits = new Uint32Array(w);
      this.joinedCheckedAt = new Uint32Array(w);
      this.joinedAt = new Uint32Array(w);
      this.visitedAt = new Uint32Array(Math.max(names, this.visitedAt.length));
      this.generation = 0;
    }
    this.g = ++this.generation;
    this.d = index.data;
    this.n = query.name.tokens.length;
    this.kind = kindBit(query.name.kind);
    this.entries = entries;
    this.marked.length = 0;
    this.joinedSlots.length = 0;
    this.leadNames = 0;
    if (this.cost.length < this.n) this.cost = new Float64Array(this.n * 2);
  }

  /** Marks the index words sharing a key with each identity word; per identity word, how many names those words have. */
  private markOwnWords(tokens: readonly PreparedToken[]): Float64Array {
    const { ownAt, ownBits, g, cost } = this;
    const { slotStart, slotLength, values } = this.d.keyWords;
    const ownStart = this.d.wordNames.start;
    const joinedStart = this.d.wordJoinedNames.start;
    const leadStart = this.d.wordLeadNames.start;
    for (let position = 0; position < tokens.length; position++) {
      const word = tokens[position];
      const bit = 1 << position;
      let names = 0;
      for (const hash of word === undefined ? [] : lookupHashesOf(word)) {
        const slot = findSlot(this.d.keyWords, hash);
        if (slot < 0) continue;
        const end = (slotStart[slot] ?? 0) + (slotLength[slot] ?? 0);
        for (let v = slotStart[slot] ?? 0; v < end; v++) {
          const w = values[v] ?? 0;
          if (ownAt[w] !== g) {
            ownAt[w] = g;
            ownBits[w] = bit;
            this.marked.push(w);
            this.leadNames += (leadStart[w + 1] ?? 0) - (leadStart[w] ?? 0);
          } else if (((ownBits[w] ?? 0) & bit) === 0) ownBits[w] = (ownBits[w] ?? 0) | bit;
          else continue;
          names += (ownStart[w + 1] ?? 0) - (ownStart[w] ?? 0) + (joinedStart[w + 1] ?? 0) - (joinedStart[w] ?? 0);
        }
      }
      cost[position] = names;
    }
    return cost;
  }

  /** The identity's joined words (two neighbours written as one) meet a listed name's own words. */
  private findJoinedSlots(query: QueryName): void {
    for (let position = 0; position < query.joined.length; position++) {
      const word = query.joined[position]?.tokens[position];
      for (const hash of word === undefined ? [] : lookupHashesOf(word)) {
        const slot = findSlot(this.d.keyWords, hash);
        if (slot >= 0) this.joinedSlots.push(slot);
      }
    }
  }

  private sharesJoinedKey(w: number): boolean {
    if (this.joinedCheckedAt[w] === this.g) return this.joinedAt[w] === this.g;
    this.joinedCheckedAt[w] = this.g;
    for (const slot of this.joinedSlots)
      if (slotHolds(this.d.keyWords, slot, w)) {
        this.joinedAt[w] = this.g;
        return true;
      }
    return false;
  }

  /** How many names visiting by lead word visits: the marked words' and the joined words' lead keys'. */
  private leadCost(query: QueryName): number {
    let names = this.leadNames;
    const lead = this.d.leadKeyNames;
    query.joined.forEach((form, position) => {
      const token = form.tokens[position];
      for (const hash of token === undefined ? [] : lookupHashesOf(token)) {
        const slot = findSlot(lead, hash);
        if (slot >= 0) names += lead.slotLength[slot] ?? 0;
      }
    });
    return names;
  }

  /** Names of at least `atLeast` words with a word marked by the identity word at `position`. */
  private visitByIdentityWord(position: number, atLeast: number): void {
    const { wordNames, wordJoinedNames, wordCount } = this.d;
    const bit = 1 << position;
    for (const w of this.marked) {
      if (((this.ownBits[w] ?? 0) & bit) === 0) continue;
      const ownEnd = wordNames.start[w + 1] ?? 0;
      const from = firstWithAtLeast(wordCount, wordNames.values, wordNames.start[w] ?? 0, ownEnd, atLeast);
      for (let k = from; k < ownEnd; k++) this.consider(wordNames.values[k] ?? 0);
      // A joined word of a listed name covers an identity word only when the listed name is the longer.
      const joinedEnd = wordJoinedNames.start[w + 1] ?? 0;
      const joinedFrom = wordJoinedNames.start[w] ?? 0;
      const first = firstWithAtLeast(wordCount, wordJoinedNames.values, joinedFrom, joinedEnd, this.n + 1);
      for (let k = first; k < joinedEnd; k++) this.consider(wordJoinedNames.values[k] ?? 0);
    }
  }

  /**
   * Names of fewer than `below` words whose lead word an identity word marked (through the
   * marked words), or shares a key with a joined pair of identity words (through the keys).
   */
  private visitByLeadWord(query: QueryName, below: number): void {
    const { wordLeadNames, leadKeyNames, wordCount } = this.d;
    for (const w of this.marked) {
      const from = wordLeadNames.start[w] ?? 0;
      const to = firstWithAtLeast(wordCount, wordLeadNames.values, from, wordLeadNames.start[w + 1] ?? 0, below);
      for (let k = from; k < to; k++) this.consider(wordLeadNames.values[k] ?? 0);
    }
    query.joined.forEach((form, position) => {
      const token = form.tokens[position];
      for (const hash of token === undefined ? [] : lookupHashesOf(token)) {
        const slot = findSlot(leadKeyNames, hash);
        if (slot < 0) continue;
        const from = leadKeyNames.slotStart[slot] ?? 0;
        const end = from + (leadKeyNames.slotLength[slot] ?? 0);
        const to = firstWithAtLeast(wordCount, leadKeyNames.values, from, end, below);
        for (let k = from; k < to; k++) this.consider(leadKeyNames.values[k] ?? 0);
      }
    });
  }

  /** Below a name floor of ½: every name sharing any key. */
  private visitAnyShared(): void {
    const { wordNames, wordJoinedNames, keyWords } = this.d;
    const all = (lists: typeof wordNames, w: number) => {
      for (let k = lists.start[w] ?? 0; k < (lists.start[w + 1] ?? 0); k++) this.consider(lists.values[k] ?? 0);
    };
    for (const w of this.marked) {
      all(wordNames, w);
      all(wordJoinedNames, w);
    }
    for (const slot of this.joinedSlots) {
      const from = keyWords.slotStart[slot] ?? 0;
      for (let v = from; v < from + (keyWords.slotLength[slot] ?? 0); v++) all(wordNames, keyWords.values[v] ?? 0);
    }
  }

  private consider(name: number): void {
    if (this.visitedAt[name] === this.g) return;
    this.visitedAt[name] = this.g;
    if (((this.d.comparableTo[name] ?? 0) & this.kind) === 0) return;
    if (!this.strict || this.covers(name)) this.entries.add(this.d.nameEntry[name] ?? 0);
  }

  /** Whether the name and the identity's name cover every word of the shorter (both when as long). */
  private covers(name: number): boolean {
    const { d, g, n, ownAt, ownBits } = this;
    const m = d.wordCount[name] ?? 0;
    const start = d.wordStart[name] ?? 0;
    const end = d.wordStart[name + 1] ?? start;
    let queryCover = 0;
    let entryCover = 0;
    for (let k = start; k < end; k++) {
      const w = d.words[k] ?? 0;
      if (ownAt[w] === g) {
        queryCover |= ownBits[w] ?? 0;
        entryCover |= 1 << (k - start);
      } else if (n > m && this.sharesJoinedKey(w)) entryCover |= 1 << (k - start);
    }
    if (m > n)
      for (let k = start - name; k < end - name - 1; k++) {
        const w = d.joinedWords[k] ?? 0;
        if (ownAt[w] === g) queryCover |= ownBits[w] ?? 0;
      }
    const queryMask = (1 << n) - 1;
    const wordMask = d.wordMask[name] ?? 0;
    return (n > m || (queryCover & queryMask) === queryMask) && (m > n || (entryCover & wordMask) === wordMask);
  }
}

const walk = new Walk();

/** Entries (by index) whose names the identity's names may match at or above the threshold. */
export function candidateEntries(subject: ScreeningSubject, index: WatchlistIndex, threshold: number): Set<number> {
  const entries = new Set<number>();
  const strict = threshold - MAX_CORROBORATION_BOOST > 0.5;
  const { acronymNames, comparableTo, nameEntry } = index.data;
  for (const query of subject.names) {
    walk.run(query, index, strict, entries);
    const kind = kindBit(query.name.kind);
    for (const key of acronymKeys(query.name, 'lookup')) {
      const slot = findSlot(acronymNames, keyHash(key));
      if (slot < 0) continue;
      const from = acronymNames.slotStart[slot] ?? 0;
      for (let k = from; k < from + (acronymNames.slotLength[slot] ?? 0); k++) {
        const name = acronymNames.values[k] ?? 0;
        if (((comparableTo[name] ?? 0) & kind) !== 0) entries.add(nameEntry[name] ?? 0);
      }
    }
  }
  return entries;
}
