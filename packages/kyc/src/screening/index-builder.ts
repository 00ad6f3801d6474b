import type { WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import { acronymKeys, comparableBits, JOINED_WORD, keyHash, tokenKeys } from './blocking-keys';
import type { ScoredForm } from './name-score';
import { joinedVariants } from './name-score';
import type { NameKind } from './prepared-name';
import { prepareName } from './prepared-name';
import { prepareToken, type PreparedToken } from './prepared-token';
import { sharedI32, sharedU32, sharedU8, StringTableBuilder } from './string-table';
import { ENTRY_TYPES, NAME_KINDS, WatchlistIndex, type WatchlistIndexData } from './watchlist-index';

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

/** The smallest power of two holding `keys` at most half full. */
function tableSize(keys: number): number {
  let size = 16;
  while (size < keys * 2) size *= 2;
  return size;
}

/**
 * Builds the compact index entry by entry (decision 006). What it collects while building
 * (words prepared once each, posting lists per key) is dropped by `build`, which packs the
 * index into typed arrays on shared memory.
 */
export class WatchlistIndexBuilder {
  private readonly strings = new StringTableBuilder();
  private readonly entryJson: number[] = [];
  private readonly entryNameStart: number[] = [0];
  private readonly nameEntry: number[] = [];
  private readonly nameType: number[] = [];
  private readonly nameKind: number[] = [];
  private readonly nameTitled: number[] = [];
  private readonly nameMasks: number[] = [];
  private readonly nameOriginal: number[] = [];
  private readonly nameSetAside: number[] = [];
  private readonly nameAcronym: number[] = [];
  private readonly nameInitials: number[] = [];
  private readonly wordStart: number[] = [0];
  private readonly words: number[] = [];
  private readonly joinedWords: number[] = [];
  private readonly wordMask: number[] = [];
  private readonly comparableTo: number[] = [];
  private readonly postings = new Map<string, number[]>();
  // One prepared word per distinct text, shared by every name that has it.
  private readonly prepared = new Map<string, PreparedToken>();
  private readonly prepare = (text: string): PreparedToken => {
    let token = this.prepared.get(text);
    if (token === undefined) this.prepared.set(text, (token = prepareToken(text)));
    return token;
  };
  /** Word ids of the prepared words, and what each word id stores. */
  private readonly wordIds = new Map<PreparedToken, number>();
  private readonly wordText: number[] = [];
  private readonly wordFolded: number[] = [];
  private readonly wordPhonetic: number[] = [];
  private readonly wordSkeletons: number[] = [];
  private readonly wordAbjad: number[] = [];

  private wordId(token: PreparedToken | undefined): number {
    if (token === undefined) throw new Error('A name word is missing.');
    let id = this.wordIds.get(token);
    if (id === undefined) {
      id = this.wordText.length;
      this.wordIds.set(token, id);
      const two = (values: readonly string[]) =>
        [values[0], values[1]].map((v) => (v === undefined ? -1 : this.strings.intern(v)));
      this.wordText.push(this.strings.intern(token.text));
      this.wordFolded.push(this.strings.intern(token.folded));
      this.wordPhonetic.push(...two(token.phonetic));
      this.wordSkeletons.push(...two(token.skeletons));
      this.wordAbjad.push(token.abjad ? 1 : 0);
    }
    return id;
  }

  add(entry: WatchlistEntry): void {
    const entryIndex = this.entryJson.length;
    this.entryJson.push(this.strings.append(JSON.stringify(entry)));
    const strong = entry.aliases.filter((a) => a.kind === 'strong').map((a) => a.name);
    for (const original of new Set([entry.name, ...strong])) {
      const name = prepareName(original, { kind: KIND_OF[entry.entry_type], prepare: this.prepare });
      if (name.tokens.length === 0) continue;
      const joined = joinedVariants(name, this.prepare);
      const nameId = this.nameEntry.length;
      this.nameEntry.push(entryIndex);
      this.nameType.push(ENTRY_TYPES.indexOf(entry.entry_type));
      this.nameKind.push(NAME_KINDS.indexOf(name.kind));
      this.nameTitled.push(name.titled ? 1 : 0);
      this.nameMasks.push(name.descriptors, name.optional, name.given, name.generic);
      this.nameOriginal.push(this.strings.intern(name.original));
      this.nameSetAside.push(this.strings.intern(name.setAside.join(' ')));
      this.nameAcronym.push(name.acronym === null ? -1 : this.strings.intern(name.acronym));
      this.nameInitials.push(name.initials === null ? -1 : this.strings.intern(name.initials));
      for (const token of name.tokens) this.words.push(this.wordId(token));
      this.wordStart.push(this.words.length);
      joined.forEach((variant, position) => this.joinedWords.push(this.wordId(variant.tokens[position])));
      this.wordMask.push((1 << name.tokens.length) - 1);
      this.comparableTo.push(comparableBits(entry.entry_type));
      const masks = keyMasks(name, joined);
      for (const key of acronymKeys(name, 'post')) masks.push([key, 0]);
      for (const [key, mask] of masks) {
        const list = this.postings.get(key);
        if (list === undefined) this.postings.set(key, [nameId, mask]);
        else list.push(nameId, mask);
      }
    }
    this.entryNameStart.push(this.nameEntry.length);
  }

  /** Posting lists merged by key hash, in an open-addressing table. */
  private packPostings() {
    const byHash = new Map<number, number[][]>();
    for (const [key, list] of this.postings) {
      const hash = keyHash(key);
      const lists = byHash.get(hash);
      if (lists === undefined) byHash.set(hash, [list]);
      else lists.push(list);
    }
    const size = tableSize(byHash.size);
    const slotHash = sharedU32(new Uint32Array(size));
    const slotStart = sharedU32(new Uint32Array(size));
    const slotLength = sharedU32(new Uint32Array(size));
    let pairs = 0;
    for (const list of this.postings.values()) pairs += list.length / 2;
    const postings = sharedI32(new Int32Array(pairs * 2));
    let at = 0;
    for (const [hash, lists] of byHash) {
      let slot = hash & (size - 1);
      while ((slotLength[slot] ?? 0) !== 0) slot = (slot + 1) & (size - 1);
      slotHash[slot] = hash;
      slotStart[slot] = at;
      for (const list of lists) {
        postings.set(list, at * 2);
        at += list.length / 2;
      }
      slotLength[slot] = at - (slotStart[slot] ?? 0);
    }
    return { slotHash, slotStart, slotLength, postings };
  }

  /** The packed data, for a thread to hand over (see `WatchlistIndex`). */
  buildData(): WatchlistIndexData {
    const data: WatchlistIndexData = {
      ...this.packPostings(),
      strings: this.strings.finish(),
      entryJson: sharedU32(this.entryJson),
      entryNameStart: sharedU32(this.entryNameStart),
      nameEntry: sharedI32(this.nameEntry),
      nameType: sharedU8(this.nameType),
      nameKind: sharedU8(this.nameKind),
      nameTitled: sharedU8(this.nameTitled),
      nameMasks: sharedU32(this.nameMasks),
      nameOriginal: sharedU32(this.nameOriginal),
      nameSetAside: sharedU32(this.nameSetAside),
      nameAcronym: sharedI32(this.nameAcronym),
      nameInitials: sharedI32(this.nameInitials),
      wordStart: sharedU32(this.wordStart),
      wordText: sharedU32(this.wordText),
      wordFolded: sharedU32(this.wordFolded),
      wordPhonetic: sharedI32(this.wordPhonetic),
      wordSkeletons: sharedI32(this.wordSkeletons),
      wordAbjad: sharedU8(this.wordAbjad),
      words: sharedU32(this.words),
      joinedWords: sharedU32(this.joinedWords),
      wordCount: sharedU8(this.wordStart.slice(1).map((end, i) => Math.min(255, end - (this.wordStart[i] ?? 0)))),
      wordMask: sharedU32(this.wordMask),
      comparableTo: sharedU8(this.comparableTo),
    };
    this.postings.clear();
    this.prepared.clear();
    this.wordIds.clear();
    return data;
  }

  build(): WatchlistIndex {
    return new WatchlistIndex(this.buildData());
  }
}

export function buildWatchlistIndex(entries: Iterable<WatchlistEntry>): WatchlistIndex {
  const builder = new WatchlistIndexBuilder();
  for (const entry of entries) builder.add(entry);
  return builder.build();
}
