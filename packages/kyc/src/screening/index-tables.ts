import { zeroedI32, zeroedU32 } from './string-table';

// The blocking tables of the compact watchlist index (decision 006): key hashes in an
// open-addressing table whose lists sit contiguously in one array, and lists per id (a
// word's names) as offsets into one array.

/** slotHash/slotStart/slotLength (length 0: empty slot); a slot's values are values[start..start + length]. */
export interface SlotTable {
  readonly slotHash: Uint32Array;
  readonly slotStart: Uint32Array;
  readonly slotLength: Uint32Array;
  readonly values: Int32Array;
}

/** The smallest power of two holding `keys` at most half full. */
function tableSize(keys: number): number {
  let size = 16;
  while (size < keys * 2) size *= 2;
  return size;
}

/** Lists of values by key hash, packed into a table. */
export function packLists(lists: ReadonlyMap<number, readonly number[]>): SlotTable {
  const size = tableSize(lists.size);
  const slotHash = zeroedU32(size);
  const slotStart = zeroedU32(size);
  const slotLength = zeroedU32(size);
  let total = 0;
  for (const list of lists.values()) total += list.length;
  const values = zeroedI32(total);
  let at = 0;
  for (const [hash, list] of lists) {
    let slot = hash & (size - 1);
    while ((slotLength[slot] ?? 0) !== 0) slot = (slot + 1) & (size - 1);
    slotHash[slot] = hash;
    slotStart[slot] = at;
    slotLength[slot] = list.length;
    values.set(list, at);
    at += list.length;
  }
  return { slotHash, slotStart, slotLength, values };
}

/** The slot of a key hash in a table, or -1 when no key has that hash. */
export function findSlot(table: SlotTable, hash: number): number {
  const { slotHash, slotLength } = table;
  const mask = slotHash.length - 1;
  for (let i = hash & mask; ; i = (i + 1) & mask) {
    if ((slotLength[i] ?? 0) === 0) return -1;
    if (slotHash[i] === hash) return i;
  }
}

/** The first position in values[from..to] (names in ascending word count) of a name with at least `count` words. */
export function firstWithAtLeast(
  wordCount: Uint8Array,
  values: Int32Array,
  from: number,
  to: number,
  count: number,
): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((wordCount[values[mid] ?? 0] ?? 0) < count) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a slot's values (ascending) hold `value`. */
export function slotHolds(table: SlotTable, slot: number, value: number): boolean {
  let lo = table.slotStart[slot] ?? 0;
  let hi = lo + (table.slotLength[slot] ?? 0);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = table.values[mid] ?? 0;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** A list per id: the values of id i at values[start[i]..start[i + 1]]. */
export interface IdLists {
  readonly start: Uint32Array;
  readonly values: Int32Array;
}

/**
 * For each word id, the names having it among `words` (a name's range: wordStart[n] −
 * shift·n .. wordStart[n + 1] − shift·(n + 1); shift 1 for joined words, of which a name has
 * one fewer), each name once, names with fewer words first (`byWordCount`: name ids in
 * ascending word count), so a reader can take only names shorter or longer than its own.
 */
export function namesByWord(
  wordTotal: number,
  wordStart: ArrayLike<number>,
  words: ArrayLike<number>,
  shift: 0 | 1,
  byWordCount: ArrayLike<number>,
): IdLists {
  const start = zeroedU32(wordTotal + 1);
  const last = new Int32Array(wordTotal).fill(-1);
  const range = (name: number): [number, number] => [
    (wordStart[name] ?? 0) - shift * name,
    (wordStart[name + 1] ?? 0) - shift * (name + 1),
  ];
  for (let i = 0; i < byWordCount.length; i++) {
    const name = byWordCount[i] ?? 0;
    const [from, to] = range(name);
    for (let k = from; k < to; k++) {
      const word = words[k] ?? 0;
      if (last[word] === name) continue;
      last[word] = name;
      start[word + 1] = (start[word + 1] ?? 0) + 1;
    }
  }
  for (let w = 0; w < wordTotal; w++) start[w + 1] = (start[w + 1] ?? 0) + (start[w] ?? 0);
  const values = zeroedI32(start[wordTotal] ?? 0);
  const fill = Uint32Array.from(start.subarray(0, wordTotal));
  last.fill(-1);
  for (let i = 0; i < byWordCount.length; i++) {
    const name = byWordCount[i] ?? 0;
    const [from, to] = range(name);
    for (let k = from; k < to; k++) {
      const word = words[k] ?? 0;
      if (last[word] === name) continue;
      last[word] = name;
      values[fill[word] ?? 0] = name;
      fill[word] = (fill[word] ?? 0) + 1;
    }
  }
  return { start, values };
}
