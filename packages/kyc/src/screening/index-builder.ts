import type { WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import { parsePartialDate } from '../identity/dob';
import { acronymKeys, comparableBits, JOINED_WORD, keyHash, tokenKeys } from './blocking-keys';
import { packPostings } from './index-tables';
import { joinedVariants } from './name-score';
import type { NameKind } from './prepared-name';
import { prepareName } from './prepared-name';
import { prepareToken, type PreparedToken } from './prepared-token';
import { sharedI32, sharedU32, sharedU8, StringTableBuilder } from './string-table';
import { ENTRY_TYPES, NAME_KINDS, packDate, WatchlistIndex, type WatchlistIndexData } from './watchlist-index';

const KIND_OF: Record<WatchlistEntryType, NameKind> = {
  person: 'person',
  organization: 'organization',
  vessel: 'organization',
  aircraft: 'organization',
  unknown: 'unknown',
};

/**
 * Builds the compact index entry by entry (decision 006). What it collects while building
 * (words prepared once each, posting lists per key) is dropped by `build`, which packs the
 * index into typed arrays on shared memory.
 */
export class WatchlistIndexBuilder {
  private readonly strings = new StringTableBuilder();
  private readonly entryJson: number[] = [];
  private readonly entryNameStart: number[] = [0];
  private readonly entryDobStart: number[] = [0];
  private readonly entryDobs: number[] = [];
  private readonly entryNationalities: number[] = [];
  private readonly entryCountries: number[] = [];
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
  /** Posting lists ([nameId, mask] pairs) by key hash; each word's key hashes, by word id. */
  private readonly postings = new Map<number, number[]>();
  private readonly wordPostHashes: (readonly number[])[] = [];
  /** One prepared word per distinct text, shared by every name that has it. */
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
  private readonly wordKeyText: number[] = [];
  private readonly wordAbjad: number[] = [];

  /** The word id of a prepared word; a new word is stored with its keys and posted under them once. */
  private wordId(token: PreparedToken | undefined): number {
    if (token === undefined) throw new Error('A name word is missing.');
    const known = this.wordIds.get(token);
    if (known !== undefined) return known;
    const id = this.wordText.length;
    this.wordIds.set(token, id);
    const two = (values: readonly string[]) =>
      [values[0], values[1]].map((v) => (v === undefined ? -1 : this.strings.intern(v)));
    this.wordText.push(this.strings.intern(token.text));
    this.wordFolded.push(this.strings.intern(token.folded));
    this.wordPhonetic.push(...two(token.phonetic));
    this.wordSkeletons.push(...two(token.skeletons));
    this.wordKeyText.push(this.strings.intern(token.keys.join(' ')));
    this.wordAbjad.push(token.abjad ? 1 : 0);
    this.wordPostHashes.push([...new Set(tokenKeys(token, 'post').map(keyHash))]);
    return id;
  }

  add(entry: WatchlistEntry): void {
    const entryIndex = this.entryJson.length;
    this.entryJson.push(this.strings.append(JSON.stringify(entry)));
    for (const text of entry.dobs) {
      const date = parsePartialDate(text);
      if (date !== null) this.entryDobs.push(packDate(date));
    }
    this.entryDobStart.push(this.entryDobs.length);
    this.entryNationalities.push(this.strings.intern(entry.nationalities.join(' ')));
    this.entryCountries.push(this.strings.intern(entry.countries.join(' ')));
    const strong = entry.aliases.filter((a) => a.kind === 'strong').map((a) => a.name);
    for (const original of new Set([entry.name, ...strong])) this.addName(entryIndex, entry.entry_type, original);
    this.entryNameStart.push(this.nameEntry.length);
  }

  private addName(entryIndex: number, type: WatchlistEntryType, original: string): void {
    const name = prepareName(original, { kind: KIND_OF[type], prepare: this.prepare });
    if (name.tokens.length === 0) return;
    const joined = joinedVariants(name, this.prepare);
    const nameId = this.nameEntry.length;
    this.nameEntry.push(entryIndex);
    this.nameType.push(ENTRY_TYPES.indexOf(type));
    this.nameKind.push(NAME_KINDS.indexOf(name.kind));
    this.nameTitled.push(name.titled ? 1 : 0);
    this.nameMasks.push(name.descriptors, name.optional, name.given, name.generic);
    this.nameOriginal.push(this.strings.intern(name.original));
    this.nameSetAside.push(this.strings.intern(name.setAside.join(' ')));
    this.nameAcronym.push(name.acronym === null ? -1 : this.strings.intern(name.acronym));
    this.nameInitials.push(name.initials === null ? -1 : this.strings.intern(name.initials));
    // Each key hash of the name with the positions of the words carrying it; a joined word
    // covers two and is posted apart (JOINED_WORD), so a key both an own and a joined word
    // carry counts for each. Keys that share a hash share a posting list: it only adds
    // candidates (the scorer decides), never drops one.
    const own = new Map<number, number>();
    name.tokens.forEach((token, position) => {
      const id = this.wordId(token);
      this.words.push(id);
      for (const hash of this.wordPostHashes[id] ?? []) own.set(hash, (own.get(hash) ?? 0) | (1 << position));
    });
    this.wordStart.push(this.words.length);
    const viaJoined = new Map<number, number>();
    joined.forEach((variant, position) => {
      const id = this.wordId(variant.tokens[position]);
      this.joinedWords.push(id);
      const mask = JOINED_WORD | (0b11 << position);
      for (const hash of this.wordPostHashes[id] ?? []) viaJoined.set(hash, (viaJoined.get(hash) ?? 0) | mask);
    });
    for (const key of acronymKeys(name, 'post')) own.set(keyHash(key), own.get(keyHash(key)) ?? 0);
    for (const [hash, mask] of own) this.post(hash, nameId, mask);
    for (const [hash, mask] of viaJoined) this.post(hash, nameId, mask);
    this.wordMask.push((1 << name.tokens.length) - 1);
    this.comparableTo.push(comparableBits(type));
  }

  private post(hash: number, nameId: number, mask: number): void {
    const list = this.postings.get(hash);
    if (list === undefined) this.postings.set(hash, [nameId, mask]);
    else list.push(nameId, mask);
  }

  /** The packed data, for a thread to hand over (see `WatchlistIndex`). */
  buildData(): WatchlistIndexData {
    const data: WatchlistIndexData = {
      ...packPostings(this.postings),
      strings: this.strings.finish(),
      entryJson: sharedU32(this.entryJson),
      entryNameStart: sharedU32(this.entryNameStart),
      entryDobStart: sharedU32(this.entryDobStart),
      entryDobs: sharedI32(this.entryDobs),
      entryNationalities: sharedU32(this.entryNationalities),
      entryCountries: sharedU32(this.entryCountries),
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
      wordKeys: sharedU32(this.wordKeyText),
      wordAbjad: sharedU8(this.wordAbjad),
      words: sharedU32(this.words),
      joinedWords: sharedU32(this.joinedWords),
      wordCount: sharedU8(this.wordStart.slice(1).map((end, i) => Math.min(255, end - (this.wordStart[i] ?? 0)))),
      wordMask: sharedU32(this.wordMask),
      comparableTo: sharedU8(this.comparableTo),
    };
    this.prepared.clear();
    this.wordIds.clear();
    this.postings.clear();
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
