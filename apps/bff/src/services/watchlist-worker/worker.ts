import { parentPort } from 'node:worker_threads';
import { WatchlistEntry } from '@kyc-review/contracts';
import {
  readWatchlistFiles,
  screenIdentity,
  WatchlistFileError,
  WatchlistIndex,
  WatchlistIndexBuilder,
  type ImportFile,
  type ImportItem,
  type WatchlistIndexData,
} from '@kyc-review/kyc';
import { emptied, indexArrays, writeIndexFile } from './index-transfer';
import { isToWorker, type FromWorker, type ReadInput, type ToWorker, type WorkerFailure } from './protocol';

// The watchlist worker (decision 006): reads uploads, builds indexes and screens, so none of
// that CPU work runs on the BFF's event loop. Started by worker-host.ts, as a child process
// (reads and builds: its memory goes back to the system when it exits) or as a worker thread
// (screening, against indexes on shared memory).

type Channel = {
  readonly send: (message: FromWorker) => void;
  readonly listen: (handler: (message: unknown) => void) => void;
};

function channel(): Channel {
  const port = parentPort;
  if (port !== null)
    return { send: (message) => port.postMessage(message), listen: (handler) => port.on('message', handler) };
  const toParent = process.send?.bind(process);
  if (toParent === undefined) throw new Error('worker.ts runs as a worker thread or a forked child process only.');
  // The BFF is gone (it exited or crashed): so is the reason to run.
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message) => {
      toParent(message);
    },
    listen: (handler) => process.on('message', handler),
  };
}

const { send, listen } = channel();
const inChildProcess = parentPort === null;

/**
 * A built index to the BFF: a thread hands it over on shared memory as is; the child process
 * writes its arrays to `file`, then sends its shape and lengths (index-transfer.ts).
 */
function sendIndex(job: number, data: WatchlistIndexData, file: string): void {
  if (!inChildProcess) {
    send({ job, kind: 'built', data, lengths: null });
    return;
  }
  const arrays = indexArrays(data);
  writeIndexFile(file, arrays);
  send({ job, kind: 'built', data: emptied(data), lengths: arrays.map((a) => a.length) });
}

/** Items handed over per `next`: enough to stage in one short transaction. */
const ITEMS_PER_BATCH = 1_000;

function failure(error: unknown): WorkerFailure {
  if (error instanceof WatchlistFileError)
    return { kind: 'watchlist_file', code: error.code, message: error.message, file: error.file, line: error.line };
  return error instanceof Error
    ? { kind: 'internal', name: error.name, message: error.message }
    : { kind: 'internal', name: 'Error', message: String(error) };
}

/** An upload being read: its input arrives one event per `need`, its items leave per `next`. */
class ReadJob {
  private waiting: ((input: ReadInput) => void) | null = null;
  private readonly items: AsyncGenerator<ImportItem>;

  constructor(
    private readonly job: number,
    format: ToWorker & { op: 'read' },
  ) {
    this.items = readWatchlistFiles(this.files(), format.format === null ? {} : { format: format.format });
  }

  private pull(): Promise<ReadInput> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      send({ job: this.job, kind: 'need' });
    });
  }

  give(input: ReadInput): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(input);
  }

  private async *chunks(): AsyncGenerator<Uint8Array | string> {
    for (let input = await this.pull(); input.kind === 'chunk'; input = await this.pull()) yield input.chunk;
  }

  private async *files(): AsyncGenerator<ImportFile> {
    for (let input = await this.pull(); input.kind === 'file'; input = await this.pull())
      yield { name: input.name, chunks: this.chunks() };
  }

  /** The next batch of items; `done` once the upload is read to its end. */
  async next(): Promise<{ items: ImportItem[]; done: boolean }> {
    const items: ImportItem[] = [];
    while (items.length < ITEMS_PER_BATCH) {
      const next = await this.items.next();
      if (next.done === true) return { items, done: true };
      items.push(next.value);
    }
    return { items, done: false };
  }
}

const reads = new Map<number, ReadJob>();
const builds = new Map<number, WatchlistIndexBuilder>();
const indexes = new Map<string, WatchlistIndex>();

function addRows(builder: WatchlistIndexBuilder, rows: readonly string[]): void {
  for (const row of rows) {
    const parsed = WatchlistEntry.safeParse(JSON.parse(row));
    if (!parsed.success) throw new Error('A stored watchlist entry does not have the expected shape.');
    builder.add(parsed.data);
  }
}

/**
 * One message. Synchronous except reading the next batch: a child process may be handed
 * several messages in one turn, so a failure must be recorded before the next one is handled.
 */
function handle(message: ToWorker): Promise<void> | undefined {
  switch (message.op) {
    case 'read':
      reads.set(message.job, new ReadJob(message.job, message));
      return;
    case 'input':
      reads.get(message.job)?.give(message.input);
      return;
    case 'next': {
      const read = reads.get(message.job);
      if (read === undefined) throw new Error(`No upload is being read as job ${String(message.job)}.`);
      return read.next().then((batch) => {
        if (batch.done) reads.delete(message.job);
        send({ job: message.job, kind: 'items', ...batch });
      });
    }
    case 'cancel':
      reads.delete(message.job);
      builds.delete(message.job);
      return;
    case 'build':
      builds.set(message.job, new WatchlistIndexBuilder());
      return;
    case 'rows': {
      const builder = builds.get(message.job);
      if (builder !== undefined) addRows(builder, message.rows);
      return;
    }
    case 'end': {
      const builder = builds.get(message.job);
      builds.delete(message.job);
      if (builder === undefined) throw new Error(`No index is being built as job ${String(message.job)}.`);
      sendIndex(message.job, builder.buildData(), message.file);
      return;
    }
    case 'use':
      indexes.set(message.key, new WatchlistIndex(message.data));
      return;
    case 'drop':
      indexes.delete(message.key);
      return;
    case 'screen': {
      const index = indexes.get(message.key);
      if (index === undefined) throw new Error(`The watchlist index ${message.key} is not loaded.`);
      const hits = message.identities.map((identity) =>
        screenIdentity(identity, index, { threshold: message.threshold }),
      );
      send({ job: message.job, kind: 'screened', hits });
      return;
    }
  }
}

listen((message: unknown) => {
  if (!isToWorker(message)) return;
  const failed = (error: unknown) => {
    const job = 'job' in message ? message.job : -1;
    if ('job' in message) {
      reads.delete(message.job);
      builds.delete(message.job);
    }
    send({ job, kind: 'failed', failure: failure(error) });
  };
  try {
    handle(message)?.catch(failed);
  } catch (error) {
    failed(error);
  }
});
