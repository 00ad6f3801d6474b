import type { IdentityRow } from './records';
import type { IdentityTable } from './table';

/** Identities generated at a time: a chunk is built whole, deterministically, when first read. */
export const CHUNK_SIZE = 1_000;
/** Chunks kept built (least recently used dropped): a sync reads them in order, a few at a time. */
const CACHED_CHUNKS = 16;

/**
 * Builds chunk `k`: rows `k * CHUNK_SIZE` on, newest first, with ids from
 * `generatedIdentityId`; the same rows every time it is called.
 */
export type ChunkBuilder = (chunk: number) => IdentityRow[];

/** Row `index`'s id: a UUID-shaped id whose first 8 hex digits are the index, so `get` finds it. */
export function generatedIdentityId(index: number, uuid: string): string {
  return `idt_${index.toString(16).padStart(8, '0')}${uuid.slice(8)}`;
}

/**
 * An instance's identities, `count` of them, built on demand instead of held in memory
 * (the 1M-identity bench, `EMULATOR_GENERATED_IDENTITIES`): row `index` is the same on
 * every read (built chunk by chunk from the seed). Identities created through the API are
 * kept in memory in front; a generated row read by id is kept too, so a write to it (metadata, an update)
 * is not lost when its chunk is dropped.
 */
export class GeneratedIdentities implements IdentityTable {
  private readonly added: IdentityRow[] = [];
  private readonly byId = new Map<string, IdentityRow>();
  private readonly chunks = new Map<number, IdentityRow[]>();

  constructor(
    private readonly count: number,
    private readonly build: ChunkBuilder,
  ) {}

  get size(): number {
    return this.added.length + this.count;
  }

  *rows(): Iterable<IdentityRow> {
    for (let i = 0; i < this.size; i++) yield this.at(i);
  }

  page(from: number, count: number): readonly IdentityRow[] {
    const out: IdentityRow[] = [];
    for (let i = from; i < Math.min(this.size, from + count); i++) out.push(this.at(i));
    return out;
  }

  get(id: string): IdentityRow | undefined {
    const kept = this.byId.get(id);
    if (kept !== undefined) return kept;
    const index = Number.parseInt(id.slice(4, 12), 16);
    if (!id.startsWith('idt_') || !Number.isInteger(index) || index >= this.count) return undefined;
    const row = this.generated(index);
    if (row.identity_id !== id) return undefined;
    this.byId.set(id, row);
    return row;
  }

  isIndexed(): boolean {
    return false;
  }

  lookup(): readonly IdentityRow[] {
    return [];
  }

  insert(row: IdentityRow): void {
    this.added.unshift(row);
    this.byId.set(row.identity_id, row);
  }

  insertAll(rows: readonly IdentityRow[]): void {
    for (const row of rows) this.insert(row);
  }

  private at(i: number): IdentityRow {
    const added = this.added[i];
    if (added !== undefined) return added;
    const index = i - this.added.length;
    const generated = this.generated(index);
    return this.byId.get(generated.identity_id) ?? generated;
  }

  private generated(index: number): IdentityRow {
    const k = Math.floor(index / CHUNK_SIZE);
    let chunk = this.chunks.get(k);
    if (chunk === undefined) {
      chunk = this.build(k);
      if (this.chunks.size >= CACHED_CHUNKS) {
        const oldest = this.chunks.keys().next().value;
        if (oldest !== undefined) this.chunks.delete(oldest);
      }
    } else this.chunks.delete(k);
    this.chunks.set(k, chunk);
    const row = chunk[index - k * CHUNK_SIZE];
    if (row === undefined) throw new Error(`generated chunk ${String(k)} has no row ${String(index)}`);
    return row;
  }
}
