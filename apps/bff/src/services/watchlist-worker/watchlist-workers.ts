import type { Identity, WatchlistHit, WatchlistImportFormat } from '@kyc-review/contracts';
import {
  WatchlistFileError,
  WatchlistIndex,
  type ImportFile,
  type ImportItem,
  type WatchlistIndexData,
} from '@kyc-review/kyc';
import type { FromWorker, ReadInput, WorkerFailure } from './protocol';
import { WatchlistWorkerError, WorkerHost, type Job } from './worker-host';

export { WatchlistWorkerError } from './worker-host';

/** How long the import/build thread stays after its last job: its heap is given back when it stops. */
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

/** A chunk as its own bytes, handed over without a copy (a Buffer may sit in a shared pool). */
function ownBytes(chunk: Uint8Array | string): { chunk: Uint8Array | string; transfer: ArrayBuffer[] } {
  if (typeof chunk === 'string') return { chunk, transfer: [] };
  const copy = new Uint8Array(chunk);
  return { chunk: copy, transfer: [copy.buffer] };
}

/**
 * The BFF's watchlist threads (decision 006): one reads uploads and builds indexes (and
 * stops when idle, which gives its memory back); one screens identities against the
 * indexes in use. Either restarts on its next job after a crash.
 */
export function createWatchlistWorkers() {
  /** Indexes the screening thread serves, by key: sent again to a restarted thread. */
  const inUse = new Map<string, WatchlistIndexData>();
  const jobs = new WorkerHost({ idleMs: JOBS_IDLE_MS });
  const screening = new WorkerHost({
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
    const nextInput = async (): Promise<{ input: ReadInput; transfer: ArrayBuffer[] }> => {
      if (chunkIterator !== null) {
        const next = await chunkIterator.next();
        if (next.done !== true) {
          const { chunk, transfer } = ownBytes(next.value);
          return { input: { kind: 'chunk', chunk }, transfer };
        }
        chunkIterator = null;
        return { input: { kind: 'end-of-file' }, transfer: [] };
      }
      const file = await fileIterator.next();
      if (file.done === true) return { input: { kind: 'end' }, transfer: [] };
      chunkIterator = file.value.chunks[Symbol.asyncIterator]();
      return { input: { kind: 'file', name: file.value.name }, transfer: [] };
    };
    try {
      job.post({ op: 'read', job: job.id, format });
      while (!done) {
        job.post({ op: 'next', job: job.id });
        for (let message = await job.receive(); ; message = await job.receive()) {
          if (message.kind === 'need') {
            const { input, transfer } = await nextInput();
            job.post({ op: 'input', job: job.id, input }, transfer);
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
    try {
      job.post({ op: 'build', job: job.id });
      for await (const rows of pages) job.post({ op: 'rows', job: job.id, rows });
      job.post({ op: 'end', job: job.id });
      const message = await job.receive();
      if (message.kind === 'built') return new WatchlistIndex(message.data);
      if (message.kind === 'failed') throw raise(message.failure);
      throw unexpected(message);
    } catch (error) {
      try {
        job.post({ op: 'cancel', job: job.id });
      } catch {
        // The thread is gone already.
      }
      throw error;
    } finally {
      job.close();
    }
  }

  return {
    /** Reads an upload in the worker: the items readWatchlistFiles gives, and the same errors. */
    readFiles,
    /** Builds an index in the worker from stored entries (JSON rows), page by page; the index is on shared memory. */
    buildIndex,
    /** Lets the screening thread screen against `index` under `key` (until dropped); shared memory, no copy. */
    use(key: string, index: WatchlistIndex): void {
      inUse.set(key, index.data);
      if (screening.running) screening.post({ op: 'use', key, data: index.data });
    },
    drop(key: string): void {
      if (!inUse.delete(key)) return;
      if (screening.running) screening.post({ op: 'drop', key });
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
    /** Threads started so far (tests: a crashed thread is replaced). */
    starts: () => ({ jobs: jobs.starts, screening: screening.starts }),
    /** Stops both threads (shutdown; tests crash a thread with it). */
    async stop(which: 'jobs' | 'screening' | 'both' = 'both'): Promise<void> {
      if (which !== 'screening') await jobs.stop();
      if (which !== 'jobs') await screening.stop();
    },
  };
}

export type WatchlistWorkers = ReturnType<typeof createWatchlistWorkers>;
