import type { IdentityRow } from './records';

/**
 * One resource's rows in `created_at` descending order (the order every list answers in),
 * with a primary-key map and equality indexes on fields that never change after insert,
 * so detail reads and the common `{field}_eq` filters stay fast at 100 000 rows.
 */
/** The read side of a Table; covariant, so any Table can be queried as generic rows. */
export interface ReadableTable<T> {
  readonly size: number;
  /** Every row, newest first. */
  rows(): Iterable<T>;
  /** `count` rows from position `from`, newest first. */
  page(from: number, count: number): readonly T[];
  get(id: string): T | undefined;
  isIndexed(field: string): boolean;
  lookup(field: string, value: string): readonly T[];
}

/** What the identities of an instance are: a Table, or generated on demand (GeneratedIdentities). */
export interface IdentityTable extends ReadableTable<IdentityRow> {
  insert(row: IdentityRow): void;
  insertAll(rows: readonly IdentityRow[]): void;
}

export class Table<T extends { readonly created_at: string }> implements ReadableTable<T> {
  private readonly ordered: T[] = [];
  private readonly byId = new Map<string, T>();
  private readonly indexes = new Map<
    string,
    { readonly keyOf: (row: T) => string; readonly buckets: Map<string, T[]> }
  >();

  constructor(
    private readonly idOf: (row: T) => string,
    indexed: Readonly<Record<string, (row: T) => string>> = {},
  ) {
    for (const [field, keyOf] of Object.entries(indexed)) this.indexes.set(field, { keyOf, buckets: new Map() });
  }

  get size(): number {
    return this.ordered.length;
  }

  /** Every row, newest first. The array is shared: treat it as read-only. */
  rows(): readonly T[] {
    return this.ordered;
  }

  page(from: number, count: number): readonly T[] {
    return this.ordered.slice(from, from + count);
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  isIndexed(field: string): boolean {
    return this.indexes.has(field);
  }

  /** Rows whose indexed `field` equals `value`, newest first. */
  lookup(field: string, value: string): readonly T[] {
    return this.indexes.get(field)?.buckets.get(value) ?? [];
  }

  insert(row: T): void {
    this.insertAll([row]);
  }

  /** Bulk insert (seeding): one sort instead of one splice per row. */
  insertAll(rows: readonly T[]): void {
    if (rows.length === 1 && rows[0] !== undefined) {
      const row = rows[0];
      this.ordered.splice(this.positionFor(row.created_at), 0, row);
    } else {
      for (const row of rows) this.ordered.push(row);
      this.ordered.sort(newestFirst);
    }
    for (const row of rows) this.byId.set(this.idOf(row), row);
    for (const { keyOf, buckets } of this.indexes.values()) {
      const touched = new Set<T[]>();
      for (const row of rows) {
        const key = keyOf(row);
        const bucket = buckets.get(key);
        if (bucket) {
          bucket.push(row);
          touched.add(bucket);
        } else buckets.set(key, [row]);
      }
      for (const bucket of touched) bucket.sort(newestFirst);
    }
  }

  clear(): void {
    this.ordered.length = 0;
    this.byId.clear();
    for (const index of this.indexes.values()) index.buckets.clear();
  }

  /** Binary search for the slot that keeps newest-first order (new rows usually go first). */
  private positionFor(createdAt: string): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const row = this.ordered[mid];
      if (row !== undefined && compareTimes(row.created_at, createdAt) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Compares RFC 3339 times by instant, not as text: Core's timestamps carry nanoseconds or
 * none and `Z` or an offset (docs/cloud-contract.md §7), which text order gets wrong. Ties fall back to text.
 */
export function compareTimes(a: string, b: string): number {
  const diff = Date.parse(a) - Date.parse(b);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function newestFirst(a: { readonly created_at: string }, b: { readonly created_at: string }): number {
  return compareTimes(b.created_at, a.created_at);
}
