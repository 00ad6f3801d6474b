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
} from '@kyc-review/kyc';
import { isToWorker, type FromWorker, type ReadInput, type ToWorker, type WorkerFailure } from './protocol';

// The watchlist worker thread (decision 006): reads uploads, builds indexes and screens, so
// none of that CPU work runs on the BFF's event loop. Started by worker-host.ts.

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread only.');
const send = (message: FromWorker) => port.postMessage(message);

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

async function handle(message: ToWorker): Promise<void> {
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
      const batch = await read.next();
      if (batch.done) reads.delete(message.job);
      send({ job: message.job, kind: 'items', ...batch });
      return;
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
      send({ job: message.job, kind: 'built', data: builder.buildData() });
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

port.on('message', (message: unknown) => {
  if (!isToWorker(message)) return;
  handle(message).catch((error: unknown) => {
    const job = 'job' in message ? message.job : -1;
    if ('job' in message) {
      reads.delete(message.job);
      builds.delete(message.job);
    }
    send({ job, kind: 'failed', failure: failure(error) });
  });
});
