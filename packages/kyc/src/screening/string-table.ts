// Strings of the compact watchlist index (decision 006): every distinct string once, as
// UTF-8 bytes in one buffer with an offset per string, so the index is a handful of typed
// arrays that can live in shared memory and cross to another thread without a copy.

/** Plain data: typed arrays only (structured-cloneable; shared when backed by a SharedArrayBuffer). */
export interface StringTableData {
  readonly bytes: Uint8Array;
  /** Start of string i at offsets[i], its end at offsets[i + 1]. */
  readonly offsets: Uint32Array;
}

/** Typed arrays on shared memory, so a worker's index is readable by other threads as is. */
export function sharedArray<T extends Uint8Array | Uint32Array | Int32Array>(
  make: (buffer: SharedArrayBuffer, length: number) => T,
  bytesPer: number,
  values: ArrayLike<number>,
): T {
  const array = make(new SharedArrayBuffer(Math.max(1, values.length) * bytesPer), values.length);
  for (let i = 0; i < values.length; i++) array[i] = values[i] ?? 0;
  return array;
}

/** A zeroed typed array on shared memory. */
export const zeroedU32 = (length: number) => new Uint32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
export const zeroedI32 = (length: number) => new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);

export const sharedU8 = (values: ArrayLike<number>) => sharedArray((b, n) => new Uint8Array(b, 0, n), 1, values);
export const sharedU32 = (values: ArrayLike<number>) => sharedArray((b, n) => new Uint32Array(b, 0, n), 4, values);
export const sharedI32 = (values: ArrayLike<number>) => sharedArray((b, n) => new Int32Array(b, 0, n), 4, values);

/** Interns strings while an index is built; `finish` packs them. */
export class StringTableBuilder {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(text, id);
      this.strings.push(text);
    }
    return id;
  }

  /** A string stored once per call (an entry's JSON): not worth a lookup. */
  append(text: string): number {
    this.strings.push(text);
    return this.strings.length - 1;
  }

  finish(): StringTableData {
    const encoder = new TextEncoder();
    const encoded = this.strings.map((s) => encoder.encode(s));
    const total = encoded.reduce((sum, e) => sum + e.length, 0);
    const bytes = new Uint8Array(new SharedArrayBuffer(Math.max(1, total)), 0, total);
    const offsets = new Uint32Array(new SharedArrayBuffer((encoded.length + 1) * 4));
    let at = 0;
    encoded.forEach((e, i) => {
      offsets[i] = at;
      // A shared buffer cannot be the target of TextEncoder.encodeInto in every runtime: copy.
      bytes.set(e, at);
      at += e.length;
    });
    offsets[encoded.length] = at;
    return { bytes, offsets };
  }
}

const ASCII_READ_MAX = 64;

/** Reads strings of a packed table; a decoded string is not cached (callers cache what they build from it). */
export class StringTable {
  private readonly decoder = new TextDecoder();
  constructor(private readonly data: StringTableData) {}

  get(id: number): string {
    const start = this.data.offsets[id];
    const end = this.data.offsets[id + 1];
    if (start === undefined || end === undefined) throw new RangeError(`No string ${String(id)} in the index.`);
    const bytes = this.data.bytes.subarray(start, end);
    // Most strings (prepared words, keys) are short ASCII: read them as char codes, which is
    // much cheaper than a decoder call.
    if (end - start <= ASCII_READ_MAX && bytes.every((b) => b < 0x80)) return String.fromCharCode(...bytes);
    // TextDecoder refuses views on shared memory: copy the slice first.
    return this.decoder.decode(bytes.slice());
  }
}
