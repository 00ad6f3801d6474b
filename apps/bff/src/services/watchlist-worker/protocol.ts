import type { Identity, WatchlistHit, WatchlistImportFormat } from '@kyc-review/contracts';
import type { ImportItem, WatchlistIndexData } from '@kyc-review/kyc';

// Messages between the BFF's main thread and its watchlist workers, a child process and a
// thread (decision 006).
// Both ends are this codebase; the guards below still check the shape before use.

/** A failure inside the worker, sent across as data and raised again on the main thread. */
export type WorkerFailure =
  | {
      readonly kind: 'watchlist_file';
      readonly code: 'unsupported_watchlist_format' | 'invalid_watchlist_file';
      readonly message: string;
      readonly file: string | null;
      readonly line: number | null;
    }
  | { readonly kind: 'internal'; readonly name: string; readonly message: string };

/** One input event of an upload being read: files and their chunks, in order. */
export type ReadInput =
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'chunk'; readonly chunk: Uint8Array | string }
  | { readonly kind: 'end-of-file' }
  | { readonly kind: 'end' };

export type ToWorker =
  /** Starts reading an upload (its files follow as `input`, one per `need`). */
  | { readonly op: 'read'; readonly job: number; readonly format: WatchlistImportFormat | null }
  | { readonly op: 'input'; readonly job: number; readonly input: ReadInput }
  /** The main thread takes the next batch of items of a read. */
  | { readonly op: 'next'; readonly job: number }
  /** The main thread stopped reading (its consumer failed): forget the job. */
  | { readonly op: 'cancel'; readonly job: number }
  /** Starts an index build: stored entries (JSON) follow in `rows`, then `end`. */
  | { readonly op: 'build'; readonly job: number }
  | { readonly op: 'rows'; readonly job: number; readonly rows: readonly string[] }
  /** The rows are all sent: build. A child process writes the index's arrays to `file` (index-transfer.ts). */
  | { readonly op: 'end'; readonly job: number; readonly file: string }
  /** Makes an index (built by any worker, on shared memory) the one screened against under `key`. */
  | { readonly op: 'use'; readonly key: string; readonly data: WatchlistIndexData }
  | { readonly op: 'drop'; readonly key: string }
  | {
      readonly op: 'screen';
      readonly job: number;
      readonly key: string;
      readonly identities: readonly Identity[];
      readonly threshold: number;
    };

export type FromWorker =
  | { readonly job: number; readonly kind: 'need' }
  | { readonly job: number; readonly kind: 'items'; readonly items: readonly ImportItem[]; readonly done: boolean }
  /**
   * A built index. From a thread: on shared memory, `lengths` null. From the child process
   * (index-transfer.ts): its shape with every array empty and the arrays' lengths; their
   * contents are in the file `end` named, written and closed before this message.
   */
  | {
      readonly job: number;
      readonly kind: 'built';
      readonly data: WatchlistIndexData;
      readonly lengths: readonly number[] | null;
    }
  | { readonly job: number; readonly kind: 'screened'; readonly hits: readonly (readonly WatchlistHit[])[] }
  | { readonly job: number; readonly kind: 'failed'; readonly failure: WorkerFailure };

const KINDS: ReadonlySet<unknown> = new Set(['need', 'items', 'built', 'screened', 'failed']);

export function isFromWorker(message: unknown): message is FromWorker {
  return (
    typeof message === 'object' &&
    message !== null &&
    'job' in message &&
    typeof message.job === 'number' &&
    'kind' in message &&
    KINDS.has(message.kind)
  );
}

const OPS: ReadonlySet<unknown> = new Set([
  'read',
  'input',
  'next',
  'cancel',
  'build',
  'rows',
  'end',
  'use',
  'drop',
  'screen',
]);

export function isToWorker(message: unknown): message is ToWorker {
  return typeof message === 'object' && message !== null && 'op' in message && OPS.has(message.op);
}
