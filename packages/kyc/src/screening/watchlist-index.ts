import { WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import type { PartialDate } from '../identity/dob';
import { parsePartialDate } from '../identity/dob';
import { keyHash } from './blocking-keys';
import type { EntryCountries } from './corroboration';
import type { ScoredName } from './name-score';
import { joinedVariants } from './name-score';
import type { NameKind, PreparedName } from './prepared-name';
import { storedToken, type PreparedToken } from './prepared-token';
import { StringTable, type StringTableData } from './string-table';

// The compact watchlist index (decision 006): typed arrays and one string table, no object
// per entry, name or word. Built by index-builder.ts (in the BFF: in a worker thread, on
// shared memory); screening reads it through WatchlistIndex, which prepares the few names
// the blocking keys select, and keeps a bounded number of them prepared.

export const NAME_KINDS: readonly NameKind[] = ['person', 'organization', 'unknown'];
export const ENTRY_TYPES: readonly WatchlistEntryType[] = WatchlistEntryType.options;

/**
 * Everything the index holds, as plain typed arrays: structured-cloneable, and when built on
 * SharedArrayBuffers handed to another thread without a copy. Per name id unless said.
 */
export interface WatchlistIndexData {
  readonly strings: StringTableData;
  /** Per entry: its JSON (string id), and its names' range nameStart[e]..nameStart[e + 1]. */
  readonly entryJson: Uint32Array;
  readonly entryNameStart: Uint32Array;
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
   * spelling, of up to two sound codes and two skeletons (-1: none), and whether it is abjad.
   */
  readonly wordText: Uint32Array;
  readonly wordFolded: Uint32Array;
  readonly wordPhonetic: Int32Array;
  readonly wordSkeletons: Int32Array;
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
   * Blocking keys, hashed (keyHash) into an open-addressing table of slotHash/slotStart/
   * slotLength (length 0: empty slot); a slot's postings are [nameId, wordMask] pairs at
   * postings[2·start..2·(start + length)]. A joined word's mask carries JOINED_WORD.
   */
  readonly slotHash: Uint32Array;
  readonly slotStart: Uint32Array;
  readonly slotLength: Uint32Array;
  readonly postings: Int32Array;
}

/** One name or strong alias of an entry, prepared for scoring. */
export interface IndexedName extends ScoredName {
  readonly entryIndex: number;
  readonly type: WatchlistEntryType;
}

/** What corroboration reads of an entry, with the entry for the hit. */
export interface EntryDetails {
  readonly entry: WatchlistEntry;
  readonly dobs: readonly PartialDate[];
  readonly countries: EntryCountries;
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

  get(id: number, make: () => T): T {
    let value = this.young.get(id);
    if (value !== undefined) return value;
    value = this.old.get(id) ?? make();
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(id, value);
    return value;
  }
}

export class WatchlistIndex {
  readonly entryCount: number;
  readonly nameCount: number;
  private readonly strings: StringTable;
  private readonly slotMask: number;
  private readonly names = new Kept<IndexedName>(KEPT.names);
  private readonly tokens = new Kept<PreparedToken>(KEPT.words);
  private readonly details = new Kept<EntryDetails>(KEPT.entries);

  constructor(readonly data: WatchlistIndexData) {
    this.entryCount = data.entryJson.length;
    this.nameCount = data.nameEntry.length;
    this.strings = new StringTable(data.strings);
    this.slotMask = data.slotHash.length - 1;
  }

  /** The slot of a blocking key, or -1 when no name has it. */
  slot(key: string): number {
    const hash = keyHash(key);
    const { slotHash, slotLength } = this.data;
    for (let i = hash & this.slotMask; ; i = (i + 1) & this.slotMask) {
      if ((slotLength[i] ?? 0) === 0) return -1;
      if (slotHash[i] === hash) return i;
    }
  }

  private token(id: number): PreparedToken {
    return this.tokens.get(id, () => {
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
      );
    });
  }

  private optionalString(id: number | undefined): string | null {
    return id === undefined || id < 0 ? null : this.strings.get(id);
  }

  /** A name of the index, prepared as the builder prepared it. */
  name(nameId: number): IndexedName {
    return this.names.get(nameId, () => {
      const d = this.data;
      const start = d.wordStart[nameId] ?? 0;
      const end = d.wordStart[nameId + 1] ?? start;
      const tokens = Array.from(d.words.subarray(start, end), (id) => this.token(id));
      const masks = d.nameMasks.subarray(nameId * 4, nameId * 4 + 4);
      const setAside = this.strings.get(d.nameSetAside[nameId] ?? 0);
      const name: PreparedName = {
        original: this.strings.get(d.nameOriginal[nameId] ?? 0),
        tokens,
        normalised: tokens.map((t) => t.text).join(' '),
        kind: NAME_KINDS[d.nameKind[nameId] ?? 2] ?? 'unknown',
        setAside: setAside === '' ? [] : setAside.split(' '),
        descriptors: masks[0] ?? 0,
        optional: masks[1] ?? 0,
        given: masks[2] ?? 0,
        generic: masks[3] ?? 0,
        titled: d.nameTitled[nameId] === 1,
        acronym: this.optionalString(d.nameAcronym[nameId]),
        initials: this.optionalString(d.nameInitials[nameId]),
      };
      const joinedAt = start - nameId;
      const joined = joinedVariants(name, (_text, position) => this.token(d.joinedWords[joinedAt + position] ?? 0));
      return {
        entryIndex: d.nameEntry[nameId] ?? 0,
        type: ENTRY_TYPES[d.nameType[nameId] ?? 0] ?? 'unknown',
        name,
        joined,
      };
    });
  }

  /** The names and strong aliases of an entry. */
  entryNames(entryIndex: number): IndexedName[] {
    const start = this.data.entryNameStart[entryIndex] ?? 0;
    const end = this.data.entryNameStart[entryIndex + 1] ?? start;
    const names: IndexedName[] = [];
    for (let id = start; id < end; id++) names.push(this.name(id));
    return names;
  }

  /** The entry itself with its dates and countries, read back from the index. */
  entry(entryIndex: number): EntryDetails {
    return this.details.get(entryIndex, () => {
      const json: unknown = JSON.parse(this.strings.get(this.data.entryJson[entryIndex] ?? 0));
      const entry = WatchlistEntry.parse(json);
      return {
        entry,
        dobs: entry.dobs.map(parsePartialDate).filter((d): d is PartialDate => d !== null),
        countries: { nationalities: entry.nationalities, countries: entry.countries },
      };
    });
  }

  /** Bytes the index's arrays take (shared memory included). */
  byteSize(): number {
    let bytes = 0;
    for (const value of Object.values(this.data) as WatchlistIndexData[keyof WatchlistIndexData][])
      bytes += 'byteLength' in value ? value.byteLength : value.bytes.byteLength + value.offsets.byteLength;
    return bytes;
  }
}
