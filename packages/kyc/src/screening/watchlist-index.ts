import { WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import type { PartialDate } from '../identity/dob';
import type { EntryCountries } from './corroboration';
import type { ScoredName } from './name-score';
import { joinedVariants } from './name-score';
import type { NameKind, PreparedName } from './prepared-name';
import { storedToken, type PreparedToken } from './prepared-token';
import type { IdLists, SlotTable } from './index-tables';
import { StringTable, type StringTableData } from './string-table';

// The compact watchlist index (decision 006): typed arrays and one string table, no object
// per entry, name or word. Built by index-builder.ts (in the BFF: in a worker thread, on
// shared memory), which stores every name prepared; screening reads it through
// WatchlistIndex, which reads the few names the blocking keys select back into objects
// (nothing is prepared again) and keeps a bounded number of them.

export const NAME_KINDS: readonly NameKind[] = ['person', 'organization', 'unknown'];
export const ENTRY_TYPES: readonly WatchlistEntryType[] = WatchlistEntryType.options;

/**
 * Everything the index holds, as plain typed arrays: structured-cloneable, and when built on
 * SharedArrayBuffers handed to another thread without a copy. Per name id unless said.
 * Everything screening reads of an entry is stored prepared: words with their spelling,
 * sound codes, skeletons and blocking keys, dates of birth parsed, countries as codes; the
 * entry's JSON is parsed only for a hit.
 */
export interface WatchlistIndexData {
  readonly strings: StringTableData;
  /** Per entry: its JSON (string id), and its names' range nameStart[e]..nameStart[e + 1]. */
  readonly entryJson: Uint32Array;
  readonly entryNameStart: Uint32Array;
  /**
   * Per entry: its dates of birth at entryDobs[entryDobStart[e]..entryDobStart[e + 1]], each
   * year·10⁴ + month·100 + day (0: not known); its nationalities and other countries as
   * string ids of space-separated ISO codes.
   */
  readonly entryDobStart: Uint32Array;
  readonly entryDobs: Int32Array;
  readonly entryNationalities: Uint32Array;
  readonly entryCountries: Uint32Array;
  readonly nameEntry: Int32Array;
  readonly nameType: Uint8Array;
  readonly nameKind: Uint8Array;
  readonly nameTitled: Uint8Array;
  /** Four masks per name: descriptors, optional, given, generic (PreparedName). */
  readonly nameMasks: Uint32Array;
  /** String ids: the name as written, its set-aside words (space-separated), acronym and initials (or -1). */
  readonly nameOriginal: Uint32Array;
  readonly nameSetAside: Uint32Array;
  readonly nameAcronym: Int32Array;
  readonly nameInitials: Int32Array;
  /**
   * Distinct prepared words (PreparedToken) by word id: string ids of text and folded
   * spelling, of up to two sound codes and two skeletons (-1: none), of its keys
   * (space-separated), and whether it is abjad.
   */
  readonly wordText: Uint32Array;
  readonly wordFolded: Uint32Array;
  readonly wordPhonetic: Int32Array;
  readonly wordSkeletons: Int32Array;
  readonly wordKeys: Uint32Array;
  readonly wordAbjad: Uint8Array;
  /**
   * A name's words (word ids) at wordStart[n]..wordStart[n + 1]; its n − 1 joined words (two
   * neighbours written as one) from joinedWords[wordStart[n] − n].
   */
  readonly wordStart: Uint32Array;
  readonly words: Uint32Array;
  readonly joinedWords: Uint32Array;
  /** What the candidate filter reads of every name it meets: words (≤ 255), their bits, kinds it meets. */
  readonly wordCount: Uint8Array;
  readonly wordMask: Uint32Array;
  readonly comparableTo: Uint8Array;
  /**
   * Blocking (screen-identity.ts): word ids by the hash (keyHash) of each key they are posted
   * under (tokenKeys 'post'); per word id, the names having it as one of their words
   * (`wordNames`), as a joined word (`wordJoinedNames`) or as their lead word (`wordLeadNames`:
   * the word of the name fewest other words share a key with), each in ascending word count;
   * names by the hashes of their lead word's keys (`leadKeyNames`, also so ordered); name
   * ids by the hash of their acronym keys (acronymKeys 'post'). Keys whose hashes collide
   * share a list, which only adds candidates (the scorer decides) and never drops one.
   */
  readonly keyWords: SlotTable;
  readonly wordNames: IdLists;
  readonly wordJoinedNames: IdLists;
  readonly wordLeadNames: IdLists;
  readonly leadKeyNames: SlotTable;
  readonly acronymNames: SlotTable;
}

/** One name or strong alias of an entry, prepared for scoring. */
export interface IndexedName extends ScoredName {
  readonly entryIndex: number;
  readonly type: WatchlistEntryType;
}

/** What corroboration reads of an entry. */
export interface EntryDetails {
  readonly dobs: readonly PartialDate[];
  readonly countries: EntryCountries;
}

/** A stored date of birth (year·10⁴ + month·100 + day, 0 when not known) and back. */
export function packDate(date: PartialDate): number {
  return date.year * 10_000 + (date.month ?? 0) * 100 + (date.day ?? 0);
}
function unpackDate(packed: number): PartialDate {
  const month = Math.floor(packed / 100) % 100;
  const day = packed % 100;
  return { year: Math.floor(packed / 10_000), month: month === 0 ? null : month, day: day === 0 ? null : day };
}

/**
 * Prepared names, words and entries kept per thread, in two generations: when the young one
 * is full it becomes the old one (the previous old one is dropped), and what is read from the
 * old one moves back. What a busy screening run keeps reading stays prepared; memory stays
 * bounded at twice these counts.
 */
const KEPT = { names: 40_000, words: 60_000, entries: 10_000 } as const;

class Kept<T> {
  private young = new Map<number, T>();
  private old = new Map<number, T>();
  constructor(private readonly limit: number) {}

  get(id: number, make: (id: number) => T): T {
    let value = this.young.get(id);
    if (value !== undefined) return value;
    value = this.old.get(id) ?? make(id);
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(id, value);
    return value;
  }
}

const words = (text: string): string[] => (text === '' ? [] : text.split(' '));

export class WatchlistIndex {
  readonly entryCount: number;
  readonly nameCount: number;
  readonly wordCount: number;
  private readonly strings: StringTable;
  private readonly names = new Kept<IndexedName>(KEPT.names);
  private readonly tokens = new Kept<PreparedToken>(KEPT.words);
  private readonly entries = new Kept<WatchlistEntry>(KEPT.entries);
  private readonly details = new Kept<EntryDetails>(KEPT.entries);
  private readonly makeToken = (id: number): PreparedToken => {
    const d = this.data;
    const two = (ids: Int32Array) => {
      const out: string[] = [];
      for (const k of [id * 2, id * 2 + 1]) if ((ids[k] ?? -1) >= 0) out.push(this.strings.get(ids[k] ?? 0));
      return out;
    };
    return storedToken(
      this.strings.get(d.wordText[id] ?? 0),
      this.strings.get(d.wordFolded[id] ?? 0),
      two(d.wordPhonetic),
      two(d.wordSkeletons),
      d.wordAbjad[id] === 1,
      words(this.strings.get(d.wordKeys[id] ?? 0)),
    );
  };
  private readonly token = (id: number): PreparedToken => this.tokens.get(id, this.makeToken);

  constructor(readonly data: WatchlistIndexData) {
    this.entryCount = data.entryJson.length;
    this.nameCount = data.nameEntry.length;
    this.wordCount = data.wordText.length;
    this.strings = new StringTable(data.strings);
  }

  private optionalString(id: number | undefined): string | null {
    return id === undefined || id < 0 ? null : this.strings.get(id);
  }

  private readonly makeName = (nameId: number): IndexedName => {
    const d = this.data;
    const start = d.wordStart[nameId] ?? 0;
    const end = d.wordStart[nameId + 1] ?? start;
    const tokens = Array.from(d.words.subarray(start, end), this.token);
    const masks = d.nameMasks.subarray(nameId * 4, nameId * 4 + 4);
    const name: PreparedName = {
      original: this.strings.get(d.nameOriginal[nameId] ?? 0),
      tokens,
      normalised: tokens.map((t) => t.text).join(' '),
      kind: NAME_KINDS[d.nameKind[nameId] ?? 2] ?? 'unknown',
      setAside: words(this.strings.get(d.nameSetAside[nameId] ?? 0)),
      descriptors: masks[0] ?? 0,
      optional: masks[1] ?? 0,
      given: masks[2] ?? 0,
      generic: masks[3] ?? 0,
      titled: d.nameTitled[nameId] === 1,
      acronym: this.optionalString(d.nameAcronym[nameId]),
      initials: this.optionalString(d.nameInitials[nameId]),
    };
    const joinedAt = start - nameId;
    const token = this.token;
    return {
      entryIndex: d.nameEntry[nameId] ?? 0,
      type: ENTRY_TYPES[d.nameType[nameId] ?? 0] ?? 'unknown',
      name,
      joined: joinedVariants(name, (_text, position) => token(d.joinedWords[joinedAt + position] ?? 0)),
    };
  };

  /** A name of the index, prepared as the builder prepared it. */
  name(nameId: number): IndexedName {
    return this.names.get(nameId, this.makeName);
  }

  /** The names and strong aliases of an entry. */
  entryNames(entryIndex: number): IndexedName[] {
    const start = this.data.entryNameStart[entryIndex] ?? 0;
    const end = this.data.entryNameStart[entryIndex + 1] ?? start;
    const names: IndexedName[] = [];
    for (let id = start; id < end; id++) names.push(this.name(id));
    return names;
  }

  private readonly makeDetails = (entryIndex: number): EntryDetails => {
    const d = this.data;
    const dobs = Array.from(
      d.entryDobs.subarray(d.entryDobStart[entryIndex] ?? 0, d.entryDobStart[entryIndex + 1] ?? 0),
      unpackDate,
    );
    const nationalities = words(this.strings.get(d.entryNationalities[entryIndex] ?? 0));
    return {
      dobs,
      countries: { nationalities, countries: words(this.strings.get(d.entryCountries[entryIndex] ?? 0)) },
    };
  };

  /** An entry's dates of birth and countries, as stored prepared. */
  entryDetails(entryIndex: number): EntryDetails {
    return this.details.get(entryIndex, this.makeDetails);
  }

  private readonly makeEntry = (entryIndex: number): WatchlistEntry =>
    WatchlistEntry.parse(JSON.parse(this.strings.get(this.data.entryJson[entryIndex] ?? 0)));

  /** The entry itself, read back from the index (for a hit). */
  entry(entryIndex: number): WatchlistEntry {
    return this.entries.get(entryIndex, this.makeEntry);
  }

  /** Bytes the index's arrays take (shared memory included). */
  byteSize(): number {
    const size = (value: object): number => {
      if (ArrayBuffer.isView(value)) return value.byteLength;
      let bytes = 0;
      const parts: unknown[] = Object.values(value);
      for (const part of parts) if (typeof part === 'object' && part !== null) bytes += size(part);
      return bytes;
    };
    return size(this.data);
  }
}
