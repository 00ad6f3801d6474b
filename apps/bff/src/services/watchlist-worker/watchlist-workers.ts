import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity, WatchlistHit, WatchlistImportFormat } from '@kyc-review/contracts';
import {
  WatchlistFileError,
  WatchlistIndex,
  type ImportFile,
  type ImportItem,
  type WatchlistIndexData,
} from '@kyc-review/kyc';
import type { FromWorker, ReadInput, WorkerFailure } from './protocol';
import { indexArrays, readIndexFile, sharedArrays, withArrays, type IndexArray } from './index-transfer';
import { WatchlistWorkerError, WorkerHost, type Job } from './worker-host';

export { WatchlistWorkerError } from './worker-host';

/**
 * Where built indexes cross from the child to the BFF (index-transfer.ts): a directory of the
 * BFF's own (0700, made on first use), each file 0600 and removed once read or failed; the
 * directory goes when the workers stop or the BFF exits.
 */
function scratchDirectory() {
  let dir: string | null = null;
  const remove = (): void => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
    process.off('exit', remove);
  };
  return {
    dir: (): string => {
      if (dir === null) {
        dir = mkdtempSync(join(tmpdir(), 'kyc-watchlist-'));
        process.once('exit', remove);
      }
      return dir;
    },
    /** The directory while it exists (tests). */
    current: (): string | null => dir,
    remove,
  };
}

/** How long the import/build process stays after its last job: its memory goes back to the system when it exits. */
const JOBS_IDLE_MS = 5_000;
/** The screening thread stays longer (a sync screens page after page); it gets its indexes back on restart. */
const SCREENING_IDLE_MS = 60_000;

function raise(failure: WorkerFailure): Error {
  if (failure.kind === 'watchlist_file')
    return new WatchlistFileError(failure.code, failure.message, failure.file, failure.line);
  return new WatchlistWorkerError(`The watchlist worker failed: ${failure.message}`);
}

function unexpected(message: FromWorker): Error {
  return new WatchlistWorkerError(`The watchlist worker answered ${message.kind} out of turn.`);
}

/**
 * The BFF's watchlist workers (decision 006): a child process reads uploads and builds
 * indexes (and exits when idle: its memory, the peak of a 50 000-entry build included, goes
 * back to the system); a thread screens identities against the indexes in use, on shared
 * memory. Either restarts on its next job after a crash.
 */
export function createWatchlistWorkers() {
  /** Indexes the screening thread serves, by key: sent again to a restarted thread. */
  const inUse = new Map<string, WatchlistIndexData>();
  const scratch = scratchDirectory();
  const jobs = new WorkerHost({ kind: 'process', idleMs: JOBS_IDLE_MS });
  const screening = new WorkerHost({
    kind: 'thread',
    idleMs: SCREENING_IDLE_MS,
    onStart: (post) => {
      for (const [key, data] of inUse) post({ op: 'use', key, data });
    },
  });

  async function* readFiles(
    files: AsyncIterable<ImportFile>,
    format: WatchlistImportFormat | null,
  ): AsyncGenerator<ImportItem> {
    const job: Job = jobs.open();
    const fileIterator = files[Symbol.asyncIterator]();
    let chunkIterator: AsyncIterator<Uint8Array | string> | null = null;
    let done = false;
    // Each input is copied to the child (structured clone): a chunk's Buffer stays the BFF's.
    const nextInput = async (): Promise<ReadInput> => {
      if (chunkIterator !== null) {
        const next = await chunkIterator.next();
        if (next.done !== true) return { kind: 'chunk', chunk: next.value };
        chunkIterator = null;
        return { kind: 'end-of-file' };
      }
      const file = await fileIterator.next();
      if (file.done === true) return { kind: 'end' };
      chunkIterator = file.value.chunks[Symbol.asyncIterator]();
      return { kind: 'file', name: file.value.name };
    };
    try {
      job.post({ op: 'read', job: job.id, format });
      while (!done) {
        job.post({ op: 'next', job: job.id });
        for (let message = await job.receive(); ; message = await job.receive()) {
          if (message.kind === 'need') {
            job.post({ op: 'input', job: job.id, input: await nextInput() });
          } else if (message.kind === 'items') {
            done = message.done;
            yield* message.items;
            break;
          } else if (message.kind === 'failed') {
            done = true;
            throw raise(message.failure);
          } else throw unexpected(message);
        }
      }
    } finally {
      if (!done) {
        try {
          job.post({ op: 'cancel', job: job.id });
        } catch {
          // The thread is gone already.
        }
      }
      job.close();
    }
  }

  async function buildIndex(pages: AsyncIterable<readonly string[]>): Promise<WatchlistIndex> {
    const job = jobs.open();
    const file = join(scratch.dir(), `index-${String(job.id)}.bin`);
    try {
      job.post({ op: 'build', job: job.id });
      for await (const rows of pages) job.post({ op: 'rows', job: job.id, rows });
      job.post({ op: 'end', job: job.id, file });
      const built = await job.receive();
      if (built.kind === 'failed') throw raise(built.failure);
      if (built.kind !== 'built') throw unexpected(built);
      if (built.lengths === null) return new WatchlistIndex(built.data);
      // From the child: its arrays on one shared buffer, read from the file it wrote (index-transfer.ts).
      const arrays: IndexArray[] = sharedArrays(indexArrays(built.data), built.lengths);
      await readIndexFile(file, arrays).catch((error: unknown) => {
        throw new WatchlistWorkerError(
          `The watchlist worker's index could not be read back: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      return new WatchlistIndex(withArrays(built.data, arrays));
    } catch (error) {
      try {
        job.post({ op: 'cancel', job: job.id });
      } catch {
        // The thread is gone already.
      }
      throw error;
    } finally {
      job.close();
      rmSync(file, { force: true });
    }
  }

  return {
    /** Reads an upload in the child process: the items readWatchlistFiles gives, and the same errors. */
    readFiles,
    /** Builds an index in the child process from stored entries (JSON rows), page by page; the index is on shared memory. */
    buildIndex,
    /** Lets the screening thread screen against `index` under `key` (until dropped); shared memory, no copy. */
    use(key: string, index: WatchlistIndex): void {
      inUse.set(key, index.data);
      if (screening.isRunning) screening.post({ op: 'use', key, data: index.data });
    },
    drop(key: string): void {
      if (!inUse.delete(key)) return;
      if (screening.isRunning) screening.post({ op: 'drop', key });
    },
    /** Hits per identity (in order) at or above `threshold`, screened in the worker. */
    async screen(key: string, identities: readonly Identity[], threshold: number): Promise<WatchlistHit[][]> {
      const job = screening.open();
      try {
        job.post({ op: 'screen', job: job.id, key, identities, threshold });
        const message = await job.receive();
        if (message.kind === 'screened') return message.hits.map((hits) => [...hits]);
        if (message.kind === 'failed') throw raise(message.failure);
        throw unexpected(message);
      } finally {
        job.close();
      }
    },
    /** The directory index files cross through, while it exists (tests: it is left empty). */
    scratchDir: (): string | null => scratch.current(),
    /** Workers started so far (tests: a crashed one is replaced). */
    starts: () => ({ jobs: jobs.starts, screening: screening.starts }),
    /** The import/build child's process id while it runs (tests kill it; null when it is not running). */
    jobsPid: (): number | null => jobs.pid,
    /** Stops both workers (shutdown; tests crash one with it). */
    async stop(which: 'jobs' | 'screening' | 'both' = 'both'): Promise<void> {
      if (which !== 'screening') await jobs.stop();
      if (which !== 'jobs') await screening.stop();
      if (which === 'both') scratch.remove();
    },
  };
}

export type WatchlistWorkers = ReturnType<typeof createWatchlistWorkers>;
