import type { WatchlistEntry, WatchlistImportFormat } from '@kyc-review/contracts';

/** One uploaded file: its name (as the browser sent it) and its bytes, in chunks. */
export interface ImportFile {
  readonly name: string;
  readonly chunks: AsyncIterable<Uint8Array | string>;
}

/** What reading watchlist files produces, in order: the import service consumes these. */
export type ImportItem =
  | { readonly kind: 'entry'; readonly entry: WatchlistEntry; readonly file: string; readonly line: number }
  | { readonly kind: 'refused'; readonly file: string | null; readonly line: number; readonly message: string }
  | { readonly kind: 'skipped'; readonly reason: string; readonly count: number }
  /**
   * Programmes found after their entry was read (an FtM `Sanction` record naming an entity
   * read earlier in the file): added to that entry, which the import has already staged.
   */
  | { readonly kind: 'programmes'; readonly entryId: string; readonly programmes: readonly string[] }
  /** A file was read to its end: what it was read as, its records and refused records. */
  | {
      readonly kind: 'file';
      readonly name: string;
      readonly format: WatchlistImportFormat;
      readonly part: string;
      readonly rows: number;
      readonly refused: number;
    };

/**
 * The upload as a whole cannot be read (unknown format, a binary file, formats mixed,
 * OFAC alt.csv without sdn.csv, a quote never closed): nothing of it is stored.
 */
export class WatchlistFileError extends Error {
  constructor(
    readonly code: 'unsupported_watchlist_format' | 'invalid_watchlist_file',
    message: string,
    readonly file: string | null = null,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'WatchlistFileError';
  }
}

/** Per-file counters kept by the readers for the `file` item. */
export class FileTally {
  rows = 0;
  refused = 0;
  constructor(
    readonly name: string,
    readonly format: WatchlistImportFormat,
    readonly part: string,
  ) {}
  refuse(line: number, message: string): ImportItem {
    this.refused++;
    return { kind: 'refused', file: this.name, line, message };
  }
  done(): ImportItem {
    return {
      kind: 'file',
      name: this.name,
      format: this.format,
      part: this.part,
      rows: this.rows,
      refused: this.refused,
    };
  }
}
