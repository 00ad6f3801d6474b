import type { WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import type { PartialDate } from '../identity/dob';
import { parsePartialDate } from '../identity/dob';
import type { EntryCountries } from './corroboration';
import type { ScoredForm, ScoredName } from './name-score';
import { joinedVariants } from './name-score';
import type { NameKind } from './prepared-name';
import { prepareName } from './prepared-name';
import { prepareToken, type PreparedToken } from './prepared-token';

export interface IndexedEntry {
  readonly entry: WatchlistEntry;
  readonly dobs: readonly PartialDate[];
  readonly countries: EntryCountries;
  /** The entry's name and strong aliases, prepared. Weak aliases never raise a hit. */
  readonly names: readonly IndexedName[];
}

/** One name or strong alias of an entry, prepared once for scoring. */
export interface IndexedName extends ScoredName {
  readonly entryIndex: number;
  readonly type: WatchlistEntryType;
  /** Bits of the words: every one must meet a similar word when this is the shorter name. */
  readonly wordMask: number;
}

export interface WatchlistIndex {
  readonly entries: readonly IndexedEntry[];
  readonly names: readonly IndexedName[];
  /**
   * Blocking key → the names that have it and which of their words do, interleaved as
   * [nameId, wordMask, nameId, wordMask, ...]: flat arrays of small integers, which the
   * hottest loop of screening walks fast and which cost far less memory than one typed
   * array per key. A joined word's mask carries JOINED_WORD besides its two word bits.
   */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /**
   * Per name id, what the candidate filter reads of every name it meets, in flat arrays: a
   * walk over posting lists touches thousands of names, and following each name's objects
   * (name → prepared name → words) was most of the time a screening took.
   */
  readonly facts: NameFacts;
}

export interface NameFacts {
  readonly entryIndex: Int32Array;
  readonly wordCount: Uint8Array;
  readonly wordMask: Uint32Array;
  /** Bit per NameKind the name may be compared with (see `comparable`). */
  readonly comparableTo: Uint8Array;
}

const KIND_BITS: Record<NameKind, number> = { person: 1, organization: 2, unknown: 4 };

/** The NameFacts bit of a query name's kind. */
export function kindBit(kind: NameKind): number {
  return KIND_BITS[kind];
}

function nameFacts(names: readonly IndexedName[]): NameFacts {
  const facts: NameFacts = {
    entryIndex: new Int32Array(names.length),
    wordCount: new Uint8Array(names.length),
    wordMask: new Uint32Array(names.length),
    comparableTo: new Uint8Array(names.length),
  };
  names.forEach((name, id) => {
    facts.entryIndex[id] = name.entryIndex;
    facts.wordCount[id] = Math.min(name.name.tokens.length, 255);
    facts.wordMask[id] = name.wordMask;
    let bits = 0;
    for (const kind of ['person', 'organization', 'unknown'] as const)
      if (comparable(kind, name.type)) bits |= KIND_BITS[kind];
    facts.comparableTo[id] = bits;
  });
  return facts;
}

/** Marks a posting made by a joined word ("abdulrahman" for "Abdul Rahman"). */
export const JOINED_WORD = 1 << 20;

/** Which entries a name of the identity is compared with: people with people, organisations with the rest. */
export function comparable(kind: NameKind, type: WatchlistEntryType): boolean {
  if (type === 'unknown') return true;
  return kind === 'person' ? type === 'person' : type !== 'person';
}

/**
 * Keys a word is posted under (entries) or looked up by (identities). The common keys
 * (sound, spelling, deletions, ends) are the same on both sides. Skeletons only count
 * when one side is an abjad spelling (see tokenSimilarity): an entry word is posted under
 * "s:" for abjad queries, and under "a:" when it is itself abjad; a Latin query word
 * looks up "a:" only, so "n" does not block every "Ana". Initials: an entry word is
 * posted under its first letter ("c:") for identities that give an initial, an entry
 * initial under "ci:" for identity words starting with it and identity initials.
 */
export function tokenKeys(token: PreparedToken, use: 'post' | 'lookup'): string[] {
  const first = token.text.charAt(0);
  // An identity's initial meets entry words it starts and entry initials alike.
  if (token.text.length < 2)
    return first === '' ? [] : use === 'post' ? [`ci:${first}`] : [`c:${first}`, `ci:${first}`];
  const keys = [...token.keys, use === 'post' ? `c:${first}` : `ci:${first}`];
  for (const skeleton of token.skeletons) {
    if (use === 'post' || token.abjad) keys.push(`s:${skeleton}`);
    if (use === 'lookup' ? !token.abjad : token.abjad) keys.push(`a:${skeleton}`);
  }
  return keys;
}

/** Keys for acronyms: an entry's initials under "in:", an entry written as an acronym under "ac:". */
export function acronymKeys(name: ScoredName['name'], use: 'post' | 'lookup'): string[] {
  const keys: string[] = [];
  if (name.initials !== null) keys.push(use === 'post' ? `in:${name.initials}` : `ac:${name.initials}`);
  if (name.acronym !== null) keys.push(use === 'post' ? `ac:${name.acronym}` : `in:${name.acronym}`);
  return keys;
}

/**
 * Each key of a name with the positions of the words carrying it; a joined word covers
 * two and is posted apart (JOINED_WORD), so a key both an own and a joined word carry
 * counts for each.
 */
function keyMasks(form: ScoredForm, joined: readonly ScoredForm[]): [string, number][] {
  const own = new Map<string, number>();
  const viaJoined = new Map<string, number>();
  const add = (into: Map<string, number>, token: PreparedToken | undefined, mask: number) => {
    if (token === undefined) return;
    for (const key of tokenKeys(token, 'post')) into.set(key, (into.get(key) ?? 0) | mask);
  };
  form.tokens.forEach((token, position) => add(own, token, 1 << position));
  joined.forEach((variant, position) => add(viaJoined, variant.tokens[position], JOINED_WORD | (0b11 << position)));
  return [...own, ...viaJoined];
}

const KIND_OF: Record<WatchlistEntryType, NameKind> = {
  person: 'person',
  organization: 'organization',
  vessel: 'organization',
  aircraft: 'organization',
  unknown: 'unknown',
};

/** The index's builder, fed entry by entry so a large list can be built in slices. */
export class WatchlistIndexBuilder {
  private readonly indexed: IndexedEntry[] = [];
  private readonly names: IndexedName[] = [];
  private readonly postings = new Map<string, number[]>();
  // One prepared word per distinct word, shared by every name (see memoisedSimilarity).
  private readonly words = new Map<string, PreparedToken>();
  private readonly intern = (text: string): PreparedToken => {
    let token = this.words.get(text);
    if (token === undefined) this.words.set(text, (token = prepareToken(text)));
    return token;
  };

  add(entry: WatchlistEntry): void {
    const entryIndex = this.indexed.length;
    const entryNames: IndexedName[] = [];
    this.indexed.push({
      entry,
      dobs: entry.dobs.map(parsePartialDate).filter((d): d is PartialDate => d !== null),
      countries: { nationalities: entry.nationalities, countries: entry.countries },
      names: entryNames,
    });
    const strong = entry.aliases.filter((a) => a.kind === 'strong').map((a) => a.name);
    for (const original of new Set([entry.name, ...strong])) {
      const name = prepareName(original, { kind: KIND_OF[entry.entry_type], prepare: this.intern });
      if (name.tokens.length === 0) continue;
      const joined = joinedVariants(name, this.intern);
      const nameId = this.names.length;
      const indexedName: IndexedName = {
        entryIndex,
        type: entry.entry_type,
        name,
        joined,
        wordMask: (1 << name.tokens.length) - 1,
      };
      this.names.push(indexedName);
      entryNames.push(indexedName);
      const masks = keyMasks(name, joined);
      for (const key of acronymKeys(name, 'post')) masks.push([key, 0]);
      for (const [key, mask] of masks) {
        const list = this.postings.get(key);
        if (list === undefined) this.postings.set(key, [nameId, mask]);
        else list.push(nameId, mask);
      }
    }
  }

  build(): WatchlistIndex {
    return { entries: this.indexed, names: this.names, postings: this.postings, facts: nameFacts(this.names) };
  }
}

export function buildWatchlistIndex(entries: Iterable<WatchlistEntry>): WatchlistIndex {
  const builder = new WatchlistIndexBuilder();
  for (const entry of entries) builder.add(entry);
  return builder.build();
}
