import type { WatchlistEntry, WatchlistEntryType } from '@kyc-review/contracts';
import { parsePartialDate } from '../identity/dob';
import { acronymKeys, comparableBits, keyHash, tokenKeys } from './blocking-keys';
import { namesByWord, packLists } from './index-tables';
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
  /** Word ids by the hash of a key they are posted under; name ids by acronym key hash. */
  private readonly keyWords = new Map<number, number[]>();
  private readonly acronymNames = new Map<number, number[]>();
  /** Each word's distinct key hashes, by word id (while building). */
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
    const hashes = [...new Set(tokenKeys(token, 'post').map(keyHash))];
    this.wordPostHashes.push(hashes);
    for (const hash of hashes) post(this.keyWords, hash, id);
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
    // A name is found through its words (keys → words → names, see buildData); only acronyms
    // are posted per name.
    for (const token of name.tokens) this.words.push(this.wordId(token));
    this.wordStart.push(this.words.length);
    joined.forEach((variant, position) => this.joinedWords.push(this.wordId(variant.tokens[position])));
    for (const hash of new Set(acronymKeys(name, 'post').map(keyHash))) post(this.acronymNames, hash, nameId);
    this.wordMask.push((1 << name.tokens.length) - 1);
    this.comparableTo.push(comparableBits(type));
  }

  /** The packed data, for a thread to hand over (see `WatchlistIndex`). */
  buildData(): WatchlistIndexData {
    const wordCount = this.wordStart.slice(1).map((end, i) => Math.min(255, end - (this.wordStart[i] ?? 0)));
    const byWordCount = namesInWordCountOrder(wordCount);
    const wordTotal = this.wordText.length;
    const data: WatchlistIndexData = {
      keyWords: packLists(this.keyWords),
      acronymNames: packLists(this.acronymNames),
      wordNames: namesByWord(wordTotal, this.wordStart, this.words, 0, byWordCount),
      wordJoinedNames: namesByWord(wordTotal, this.wordStart, this.joinedWords, 1, byWordCount),
      ...this.leadTables(wordTotal, byWordCount),
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
      wordCount: sharedU8(wordCount),
      wordMask: sharedU32(this.wordMask),
      comparableTo: sharedU8(this.comparableTo),
    };
    this.prepared.clear();
    this.wordIds.clear();
    this.keyWords.clear();
    this.acronymNames.clear();
    this.wordPostHashes.length = 0;
    return data;
  }

  /**
   * Names by their lead word (of a name's words, the one fewest other words share a key
   * with: the least often marked by an identity's words, see candidate-entries.ts), and by
   * that word's key hashes.
   */
  private leadTables(
    wordTotal: number,
    byWordCount: Int32Array,
  ): Pick<WatchlistIndexData, 'wordLeadNames' | 'leadKeyNames'> {
    const neighbours = new Uint32Array(wordTotal);
    for (const words of this.keyWords.values())
      for (const word of words) neighbours[word] = (neighbours[word] ?? 0) + words.length;
    const lead = new Int32Array(this.nameEntry.length);
    const byKey = new Map<number, number[]>();
    for (const name of byWordCount) {
      let best = -1;
      for (let k = this.wordStart[name] ?? 0; k < (this.wordStart[name + 1] ?? 0); k++) {
        const word = this.words[k] ?? 0;
        if (best < 0 || (neighbours[word] ?? 0) < (neighbours[best] ?? 0)) best = word;
      }
      lead[name] = best;
      for (const hash of this.wordPostHashes[best] ?? []) post(byKey, hash, name);
    }
    const oneEach = Uint32Array.from({ length: lead.length + 1 }, (_, i) => i);
    return { wordLeadNames: namesByWord(wordTotal, oneEach, lead, 0, byWordCount), leadKeyNames: packLists(byKey) };
  }

  build(): WatchlistIndex {
    return new WatchlistIndex(this.buildData());
  }
}

function post(lists: Map<number, number[]>, hash: number, value: number): void {
  const list = lists.get(hash);
  if (list === undefined) lists.set(hash, [value]);
  else list.push(value);
}

/** Name ids in ascending word count (stable: a counting sort). */
function namesInWordCountOrder(wordCount: readonly number[]): Int32Array {
  const starts = new Uint32Array(257);
  for (const count of wordCount) starts[count + 1] = (starts[count + 1] ?? 0) + 1;
  for (let c = 0; c < 256; c++) starts[c + 1] = (starts[c + 1] ?? 0) + (starts[c] ?? 0);
  const order = new Int32Array(wordCount.length);
  wordCount.forEach((count, name) => {
    order[starts[count] ?? 0] = name;
    starts[count] = (starts[count] ?? 0) + 1;
  });
  return order;
}

export function buildWatchlistIndex(entries: Iterable<WatchlistEntry>): WatchlistIndex {
  const builder = new WatchlistIndexBuilder();
  for (const entry of entries) builder.add(entry);
  return builder.build();
}
