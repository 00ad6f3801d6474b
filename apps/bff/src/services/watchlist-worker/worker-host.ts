import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/**
 * Where the worker runs (decision 006):
 * - `thread`: a worker thread, which shares memory with the BFF (the screening thread reads
 *   the indexes on SharedArrayBuffers without a copy);
 * - `process`: a child process, whose memory goes back to the system when it exits (the
 *   reads and builds: their peak heap, and the allocator's arenas a stopped thread would leave
 *   behind in the BFF, never stay resident). Messages are copied (structured clone).
 */
export type WorkerKind = 'thread' | 'process';

export type WorkerHostOptions = {
  readonly kind: WorkerKind;
  /** Stop the worker after this long without work (its memory is given back); null: keep it. */
  readonly idleMs: number | null;
  /** Sent to every new worker before any job (e.g. the indexes a screening thread serves). */
  readonly onStart?: (post: (message: ToWorker) => void) => void;
};

/** One started worker, thread or process, as the host drives it. */
type Running = {
  post(message: ToWorker, transfer: ArrayBuffer[]): void;
  ref(): void;
  unref(): void;
  stop(): Promise<void>;
  readonly pid: number | null;
};

type Events = { readonly message: (message: unknown) => void; readonly stopped: (reason: string) => void };

function startThread(events: Events): Running {
  const worker = new Worker(workerUrl());
  worker.on('message', events.message);
  worker.on('error', (error) => events.stopped(error.name));
  worker.on('exit', (code) => events.stopped(`exit code ${String(code)}`));
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    stop: async () => {
      // An idle worker is unreferenced: referenced again, the caller's loop lives until it has exited.
      worker.ref();
      await worker.terminate();
    },
    pid: null,
  };
}

function startProcess(events: Events): Running {
  // No flag of the BFF's (a profiler, a preload) and no environment: the worker reads no
  // configuration, and the BFF's secrets stay in the BFF (its code reads no local time either).
  const child: ChildProcess = fork(fileURLToPath(workerUrl()), [], {
    execArgv: [],
    env: {},
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // The BFF exiting takes its child with it (a crash of the BFF closes the channel: the child exits then).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.on('message', events.message);
  child.on('error', (error) => events.stopped(error.name));
  child.once('exit', (code, signal) => {
    process.off('exit', killOnExit);
    events.stopped(signal === null ? `exit code ${String(code)}` : `signal ${signal}`);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    // A send to a child that just died fails; its exit fails the jobs it had.
    post: (message) => {
      child.send(message, () => undefined);
    },
    ref: () => {
      child.ref();
      child.channel?.ref();
    },
    unref: () => {
      child.unref();
      child.channel?.unref();
    },
    stop: async () => {
      // An idle child is unreferenced: without this, a caller with nothing else to do would end
      // its process before the exit is seen, and `stop()` would never settle.
      child.ref();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    pid: child.pid ?? null,
  };
}

/**
 * One worker (thread or process), started on first use and again after it stopped. Jobs talk
 * to it through `open`: a stopped worker fails every open job with WatchlistWorkerError, and
 * the next job starts a new one.
 */
export class WorkerHost {
  private running: Running | null = null;
  private readonly listeners = new Map<number, Listener>();
  private nextJob = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Starts of a worker, for tests and logs. */
  starts = 0;

  constructor(private readonly options: WorkerHostOptions) {}

  private start(): Running {
    let running: Running | null = null;
    const events: Events = {
      message: (message) => {
        if (isFromWorker(message)) this.listeners.get(message.job)?.(message);
      },
      stopped: (reason) => {
        if (running === null || this.running !== running) return;
        this.running = null;
        const error = new WatchlistWorkerError(
          `The watchlist worker stopped (${reason}); the work it had was not done.`,
        );
        const listeners = [...this.listeners.values()];
        this.listeners.clear();
        for (const listener of listeners) listener(error);
      },
    };
    running = this.options.kind === 'thread' ? startThread(events) : startProcess(events);
    this.starts++;
    this.running = running;
    const started = running;
    this.options.onStart?.((message) => started.post(message, []));
    return running;
  }

  private worker(): Running {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const running = this.running ?? this.start();
    running.ref();
    return running;
  }

  private released(): void {
    if (this.listeners.size > 0 || this.running === null) return;
    // No job: the worker does not keep the BFF alive, and stops after idleMs.
    this.running.unref();
    const { idleMs } = this.options;
    if (idleMs === null) return;
    this.idleTimer = setTimeout(() => void this.stop(), idleMs);
    this.idleTimer.unref();
  }

  /** A worker is up (messages sent now reach it; `onStart` covers the next one). */
  get isRunning(): boolean {
    return this.running !== null;
  }

  /** The child's process id while one runs (tests kill it; null for a thread). */
  get pid(): number | null {
    return this.running?.pid ?? null;
  }

  /** Sends to the worker without a job (starting it if needed). */
  post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker().post(message, transfer);
    this.released();
  }

  /** A job: its id, a way to send for it, and its messages one at a time. */
  open(): Job {
    const running = this.worker();
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
        running.post(message, transfer);
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

  /** Stops the worker (idle, shutdown; tests use it to crash a worker mid-job). */
  async stop(): Promise<void> {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    await this.running?.stop();
  }
}

export type Job = {
  readonly id: number;
  post(message: ToWorker, transfer?: ArrayBuffer[]): void;
  /** The job's next message; throws WatchlistWorkerError when the worker stopped. */
  receive(): Promise<FromWorker>;
  close(): void;
};
