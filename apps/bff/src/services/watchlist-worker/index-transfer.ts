import { closeSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

// How an index built in the child process reaches the BFF (decision 006): the child writes
// every array's bytes, in the walk order of indexArrays, to a file the BFF named (0600, in a
// directory of its own); its message carries only the index's shape (every array empty) and
// each array's length. The BFF makes all the arrays views into ONE SharedArrayBuffer (the
// screening thread reads the index without a copy) and reads the file straight into it.
// - Nothing of the index passes through the IPC pipe: 75 MB of index sent in 1 MB messages
//   made ~225 MB of short-lived buffers on the BFF's side (each 64 KB pipe read, each
//   message gathered, each part deserialized), freed only at the next collection and spread
//   across the allocator's heap, which kept 30-60 MB of it resident after the import.
// - Reads go to the thread pool in parts of READ_BYTES: the event loop only starts them.
// - One buffer rather than one per array: a large one is its own mapping, given back whole
//   when the index is dropped.

/** Bytes per read of the index file (a read fills the shared buffer directly). */
export const READ_BYTES = 4 << 20;

export type IndexArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

function isIndexArray(value: unknown): value is IndexArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) && 'BYTES_PER_ELEMENT' in value;
}

/** A view of `like`'s type on `buffer`. */
function viewLike(like: IndexArray, buffer: SharedArrayBuffer, offset: number, length: number): IndexArray {
  if (like instanceof Int8Array) return new Int8Array(buffer, offset, length);
  if (like instanceof Uint8ClampedArray) return new Uint8ClampedArray(buffer, offset, length);
  if (like instanceof Uint8Array) return new Uint8Array(buffer, offset, length);
  if (like instanceof Int16Array) return new Int16Array(buffer, offset, length);
  if (like instanceof Uint16Array) return new Uint16Array(buffer, offset, length);
  if (like instanceof Int32Array) return new Int32Array(buffer, offset, length);
  if (like instanceof Uint32Array) return new Uint32Array(buffer, offset, length);
  if (like instanceof Float32Array) return new Float32Array(buffer, offset, length);
  return new Float64Array(buffer, offset, length);
}

/** Arrays of the types of `likes` and the given lengths, all views into one new SharedArrayBuffer. */
export function sharedArrays(likes: readonly IndexArray[], lengths: readonly number[]): IndexArray[] {
  if (likes.length !== lengths.length)
    throw new Error('The watchlist index arrived with a shape and lengths that differ.');
  const ALIGN = 8;
  const offsets: number[] = [];
  let total = 0;
  likes.forEach((like, i) => {
    offsets.push(total);
    total += Math.ceil(((lengths[i] ?? 0) * like.BYTES_PER_ELEMENT) / ALIGN) * ALIGN;
  });
  const buffer = new SharedArrayBuffer(Math.max(ALIGN, total));
  return likes.map((like, i) => viewLike(like, buffer, offsets[i] ?? 0, lengths[i] ?? 0));
}

/** Bytes of every array, in order. */
function byteViews(arrays: readonly IndexArray[]): Uint8Array[] {
  return arrays.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

/** The child's side: every array's bytes, in order, to a new file (refused if it exists). */
export function writeIndexFile(path: string, arrays: readonly IndexArray[]): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    for (const bytes of byteViews(arrays))
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
  } finally {
    closeSync(fd);
  }
}

/** The BFF's side: the file's bytes into `arrays` (views on the shared buffer), checked to fill them exactly. */
export async function readIndexFile(path: string, arrays: readonly IndexArray[]): Promise<void> {
  const file = await open(path, 'r');
  try {
    const expected = arrays.reduce((n, a) => n + a.byteLength, 0);
    if ((await file.stat()).size !== expected) throw new Error('The watchlist index file has the wrong size.');
    let position = 0;
    for (const bytes of byteViews(arrays)) {
      for (let at = 0; at < bytes.length;) {
        const { bytesRead } = await file.read(bytes, at, Math.min(READ_BYTES, bytes.length - at), position);
        if (bytesRead === 0) throw new Error('The watchlist index file ended early.');
        at += bytesRead;
        position += bytesRead;
      }
    }
  } finally {
    await file.close();
  }
}

/** The typed arrays of plain data (objects and arrays of them), in a fixed walk order. */
export function indexArrays(data: unknown, into: IndexArray[] = []): IndexArray[] {
  if (isIndexArray(data)) into.push(data);
  else if (typeof data === 'object' && data !== null) for (const value of Object.values(data)) indexArrays(value, into);
  return into;
}

/** Index data rebuilt around other arrays, in the walk order of indexArrays: the same shape, so the same type. */
export function withArrays<T>(data: T, arrays: readonly IndexArray[], from?: { next: number }): T;
export function withArrays(data: unknown, arrays: readonly IndexArray[], from = { next: 0 }): unknown {
  if (isIndexArray(data)) {
    const array = arrays[from.next++];
    if (array === undefined) throw new Error('The watchlist index arrived with fewer arrays than its shape names.');
    return array;
  }
  if (Array.isArray(data)) return data.map((item: unknown) => withArrays(item, arrays, from));
  if (typeof data === 'object' && data !== null)
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, withArrays(value, arrays, from)]));
  return data;
}

/** The data's shape with every array empty (what the last message carries). */
export function emptied<T>(data: T): T {
  return withArrays(
    data,
    indexArrays(data).map((array) => array.subarray(0, 0)),
  );
}

/** Every typed array in `data` is on shared memory (tests; what the screening thread needs). */
export function allOnSharedMemory(data: unknown): boolean {
  return indexArrays(data).every((array) => array.buffer instanceof SharedArrayBuffer);
}
