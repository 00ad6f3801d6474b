import type { WatchlistEntry } from '@kyc-review/contracts';
import { resolveCountry } from '../country/resolve-country';
import type { PartialDate } from '../identity/dob';
import { parsePartialDate } from '../identity/dob';
import { joinedVariants } from './name-score';
import type { PreparedName, PreparedToken } from './prepared-name';
import { prepareName, prepareToken } from './prepared-name';

export interface IndexedEntry {
  readonly entry: WatchlistEntry;
  readonly dob: PartialDate | null;
  readonly country: string | null;
  /** The entry's name and aliases, prepared. */
  readonly names: readonly IndexedName[];
}

/** One name or alias of an entry, prepared once for scoring. */
export interface IndexedName {
  readonly entryIndex: number;
  readonly name: PreparedName;
  readonly joined: readonly PreparedToken[][];
  /** Distinct words that carry index keys (initials carry none). */
  readonly keyedWords: number;
}

export interface WatchlistIndex {
  readonly entries: readonly IndexedEntry[];
  readonly names: readonly IndexedName[];
  /**
   * Blocking key → the names that have it and which of their words do, interleaved as
   * [nameId, wordMask, nameId, wordMask, ...]: flat arrays of small integers, which the
   * hottest loop of screening walks fast and which cost far less memory than one typed
   * array per key (there are about 30 keys per entry).
   */
  readonly postings: ReadonlyMap<string, readonly number[]>;
}

/**
 * Blocking keys of a word: its Double Metaphone codes, its consonant skeletons, and its
 * spelling-folded form with its one-letter deletions, and a long word's first and last
 * four letters. Words that sound alike, are abjad spellings of each other or are spelled
 * nearly alike share a key, so a name is only compared with entries that have such words
 * in common.
 */
export function tokenKeys(token: PreparedToken, use: 'post' | 'lookup'): string[] {
  if (token.text.length < 2) return [];
  const keys = token.phonetic.map((code) => `p:${code}`);
  // Skeletons only count when one side is an abjad spelling (see tokenSimilarity): an
  // entry word is posted under "s:" for abjad queries, and under "a:" when it is itself
  // abjad; a Latin query word looks up "a:" only, so "n" does not block every "Ana".
  for (const skeleton of token.skeletons) {
    if (use === 'post' || token.abjad) keys.push(`s:${skeleton}`);
    if (use === 'lookup' ? !token.abjad : token.abjad) keys.push(`a:${skeleton}`);
  }
  // Spelling: two words one edit apart always share a key, unrelated words rarely do.
  // Up to eight letters: the folded word minus each one letter (symmetric deletion:
  // "Mifer" / "Miller"). From seven: the first and last four letters, of which a single
  // edit in a word of eight or more letters leaves one intact ("Katelson" / "Kaelson"),
  // and which often survive two edits too ("Gopabekov" / "Gobekov").
  const { folded } = token;
  keys.push(`d:${folded}`);
  if (folded.length >= 4 && folded.length <= 8) {
    for (let i = 0; i < folded.length; i++) keys.push(`d:${folded.slice(0, i)}${folded.slice(i + 1)}`);
  }
  if (folded.length >= 7) keys.push(`f:${folded.slice(0, 4)}`, `l:${folded.slice(-4)}`);
  return keys;
}

/** Each key of a name with the positions of the words carrying it; a joined word covers two. */
function keyMasks(
  tokens: readonly PreparedToken[],
  joined: readonly (readonly PreparedToken[])[],
): Map<string, number> {
  const masks = new Map<string, number>();
  const add = (token: PreparedToken | undefined, mask: number) => {
    if (token === undefined) return;
    for (const key of tokenKeys(token, 'post')) masks.set(key, (masks.get(key) ?? 0) | mask);
  };
  tokens.forEach((token, position) => add(token, 1 << position));
  joined.forEach((variant, position) => add(variant[position], 0b11 << position));
  return masks;
}

export function buildWatchlistIndex(entries: readonly WatchlistEntry[]): WatchlistIndex {
  const indexed: IndexedEntry[] = [];
  const names: IndexedName[] = [];
  const postings = new Map<string, number[]>();
  // One prepared word per distinct word, shared by every name (see memoisedSimilarity).
  const words = new Map<string, PreparedToken>();
  const intern = (text: string): PreparedToken => {
    let token = words.get(text);
    if (token === undefined) words.set(text, (token = prepareToken(text)));
    return token;
  };
  for (const entry of entries) {
    const entryIndex = indexed.length;
    const entryNames: IndexedName[] = [];
    indexed.push({
      entry,
      dob: entry.dob === null ? null : parsePartialDate(entry.dob),
      country: entry.country === null ? null : resolveCountry(entry.country),
      names: entryNames,
    });
    for (const original of new Set([entry.name, ...entry.aliases])) {
      const name = prepareName(original, intern);
      if (name.tokens.length === 0) continue;
      const joined = joinedVariants(name.tokens, intern);
      const nameId = names.length;
      const keyedWords = new Set(name.tokens.map((t) => t.text).filter((text) => text.length >= 2)).size;
      const indexedName = { entryIndex, name, joined, keyedWords };
      names.push(indexedName);
      entryNames.push(indexedName);
      for (const [key, mask] of keyMasks(name.tokens, joined)) {
        const list = postings.get(key);
        if (list === undefined) postings.set(key, [nameId, mask]);
        else list.push(nameId, mask);
      }
    }
  }
  return { entries: indexed, names, postings };
}
