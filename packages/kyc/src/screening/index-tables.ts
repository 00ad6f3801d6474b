import { zeroedI32, zeroedU32 } from './string-table';

// The blocking table of the compact watchlist index (decision 006): key hashes in an
// open-addressing table whose posting lists sit contiguously in one array.

/** slotHash/slotStart/slotLength (length 0: empty slot); a slot's postings are [nameId, mask] pairs at postings[2·start..2·(start + length)]. */
export interface SlotTable {
  readonly slotHash: Uint32Array;
  readonly slotStart: Uint32Array;
  readonly slotLength: Uint32Array;
  readonly postings: Int32Array;
}

/** The smallest power of two holding `keys` at most half full. */
function tableSize(keys: number): number {
  let size = 16;
  while (size < keys * 2) size *= 2;
  return size;
}

/** Posting lists ([nameId, mask] pairs) by key hash, packed into the table. */
export function packPostings(lists: ReadonlyMap<number, readonly number[]>): SlotTable {
  const size = tableSize(lists.size);
  const slotHash = zeroedU32(size);
  const slotStart = zeroedU32(size);
  const slotLength = zeroedU32(size);
  let values = 0;
  for (const list of lists.values()) values += list.length;
  const postings = zeroedI32(values);
  let at = 0;
  for (const [hash, list] of lists) {
    let slot = hash & (size - 1);
    while ((slotLength[slot] ?? 0) !== 0) slot = (slot + 1) & (size - 1);
    slotHash[slot] = hash;
    slotStart[slot] = at;
    postings.set(list, at * 2);
    at += list.length / 2;
    slotLength[slot] = list.length / 2;
  }
  return { slotHash, slotStart, slotLength, postings };
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
