// How an index built in the child process reaches the BFF (decision 006): first its shape
// (every array empty) with each array's length, so the BFF makes all of them views into ONE
// SharedArrayBuffer (the screening thread reads the index without a copy); then the arrays'
// contents in parts of at most PART_BYTES, each copied in as it arrives.
// - One message of the whole index (68 MB at 50 000 entries) would be gathered from the pipe
//   in small allocations the allocator keeps resident after they are freed; a part is 1 MB.
// - One buffer rather than one per array: a large one is its own mapping, given back whole
//   when the index is dropped; dozens of mid-size ones would sit in the allocator's heap
//   between transient buffers and leave holes it cannot return.
// - Each part is a short task on the event loop.

/** Bytes of index data per message from the child. */
export const PART_BYTES = 1 << 20;

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

/** Copies `values` into `target` from element `at` (same element type). */
export function copyInto(target: IndexArray, at: number, values: ArrayBufferView): void {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  new Uint8Array(target.buffer, target.byteOffset + at * target.BYTES_PER_ELEMENT, values.byteLength).set(bytes);
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
