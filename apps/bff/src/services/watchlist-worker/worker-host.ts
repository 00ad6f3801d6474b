import { Worker } from 'node:worker_threads';
import { isFromWorker, type FromWorker, type ToWorker } from './protocol';

/** The worker stopped (crashed, was killed, or ran out of memory) while it had work. */
export class WatchlistWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WatchlistWorkerError';
  }
}

/**
 * The worker's script: from TypeScript (tsx, vitest) a bootstrap that registers tsx; from
 * the production bundle (dist/index.js) the bundled dist/watchlist-worker.js beside it.
 */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./dev-worker.mjs', import.meta.url)
    : new URL('./watchlist-worker.js', import.meta.url);
}

type Listener = (message: FromWorker | WatchlistWorkerError) => void;

export type WorkerHostOptions = {
  /** Stop the thread after this long without work (its memory is given back); null: keep it. */
  readonly idleMs: number | null;
  /** Sent to every new thread before any job (e.g. the indexes a screening thread serves). */
  readonly onStart?: (post: (message: ToWorker) => void) => void;
};

/**
 * One worker thread, started on first use and again after it stopped. Jobs talk to it
 * through `open`: a stopped thread fails every open job with WatchlistWorkerError, and the
 * next job starts a new thread.
 */
export class WorkerHost {
  private worker: Worker | null = null;
  private readonly listeners = new Map<number, Listener>();
  private nextJob = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Starts of a thread, for tests and logs. */
  starts = 0;

  constructor(private readonly options: WorkerHostOptions) {}

  private start(): Worker {
    const worker = new Worker(workerUrl());
    this.starts++;
    worker.on('message', (message: unknown) => {
      if (isFromWorker(message)) this.listeners.get(message.job)?.(message);
    });
    const stopped = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const error = new WatchlistWorkerError(`The watchlist worker stopped (${reason}); the work it had was not done.`);
      const listeners = [...this.listeners.values()];
      this.listeners.clear();
      for (const listener of listeners) listener(error);
    };
    worker.on('error', (error) => stopped(error.name));
    worker.on('exit', (code) => stopped(`exit code ${String(code)}`));
    this.worker = worker;
    this.options.onStart?.((message) => worker.postMessage(message));
    return worker;
  }

  private thread(): Worker {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker ?? this.start();
    worker.ref();
    return worker;
  }

  private released(): void {
    if (this.listeners.size > 0 || this.worker === null) return;
    // No job: the thread does not keep the process alive, and stops after idleMs.
    this.worker.unref();
    const { idleMs } = this.options;
    if (idleMs === null) return;
    this.idleTimer = setTimeout(() => void this.stop(), idleMs);
    this.idleTimer.unref();
  }

  /** A thread is up (messages sent now reach it; `onStart` covers the next one). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Sends to the thread without a job (starting it if needed). */
  post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.thread().postMessage(message, transfer);
    this.released();
  }

  /** A job: its id, a way to send for it, and its messages one at a time. */
  open(): Job {
    const worker = this.thread();
    const id = this.nextJob++;
    const queue: (FromWorker | WatchlistWorkerError)[] = [];
    let waiting: ((message: FromWorker | WatchlistWorkerError) => void) | null = null;
    let failed: WatchlistWorkerError | null = null;
    this.listeners.set(id, (message) => {
      if (message instanceof WatchlistWorkerError) failed = message;
      if (waiting === null) queue.push(message);
      else {
        const resolve = waiting;
        waiting = null;
        resolve(message);
      }
    });
    return {
      id,
      post: (message, transfer = []) => {
        if (failed !== null) throw failed;
        worker.postMessage(message, transfer);
      },
      receive: async () => {
        const message = queue.shift() ?? (await new Promise<FromWorker | WatchlistWorkerError>((r) => (waiting = r)));
        if (message instanceof WatchlistWorkerError) throw message;
        return message;
      },
      close: () => {
        this.listeners.delete(id);
        this.released();
      },
    };
  }

  /** Stops the thread (idle, shutdown; tests use it to crash a thread mid-job). */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (worker !== null) await worker.terminate();
  }
}

export type Job = {
  readonly id: number;
  post(message: ToWorker, transfer?: ArrayBuffer[]): void;
  /** The job's next message; throws WatchlistWorkerError when the thread stopped. */
  receive(): Promise<FromWorker>;
  close(): void;
};
