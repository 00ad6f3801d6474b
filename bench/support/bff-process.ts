import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, pnpmCommand } from '../../scripts/process-tools.mjs';
import { arrayAt, numberAt, numberOrNullAt, stringAt } from './json';

// The BFF as production runs it: the esbuild bundle (apps/bff/dist/index.js) in its own
// process, so its event loop is not shared with the load generator. The same few steps as
// e2e/support/stack.ts, without its emulator wiring.

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BFF_DIR = join(ROOT, 'apps', 'bff');
const BFF_ENTRY = join(BFF_DIR, 'dist', 'index.js');
const READY_TIMEOUT_MS = 30_000;
/** Log lines kept for the error message when the process dies. */
const KEPT_LINES = 50;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the bundle when it is missing or older than the BFF's sources, so the bench measures the current code. */
export function ensureBffBundle(): void {
  if (existsSync(BFF_ENTRY) && statSync(BFF_ENTRY).mtimeMs >= newestMtime(join(BFF_DIR, 'src'))) return;
  console.log('building the BFF bundle (apps/bff/dist)…');
  const pnpm = pnpmCommand();
  const result = spawnSync(pnpm.command, [...pnpm.prefix, '--filter', '@kyc-review/bff', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`the BFF build failed (exit ${String(result.status)})`);
}

export type BffProcess = {
  /** http://127.0.0.1:<port>, also its PUBLIC_URL. */
  readonly url: string;
  /** The callback secret the manifest URLs carry as `?key=`. */
  readonly callbackSecret: string;
  /** The process id (to read its resident memory). */
  readonly pid: number;
  /** Where its memory is, before and after a full collection (needs `memoryProbe`). */
  memory(): Promise<MemoryReport>;
  /**
   * The event loop's delay as the BFF logged it (EVENT_LOOP_REPORT_MS, once a second here)
   * since `since` (performance.now() of this process; default: since the start).
   */
  eventLoop(since?: number): EventLoopDelay;
  stop(): Promise<void>;
};

/** One `process.memoryUsage()` with /proc's split of the resident set, in MB (bench/support/memory-probe.mjs). */
export type MemorySnapshot = {
  readonly rss: number;
  readonly heap_total: number;
  readonly heap_used: number;
  readonly external: number;
  readonly array_buffers: number;
  readonly anonymous: number | null;
  readonly file_backed: number | null;
  readonly threads: number | null;
  /** Heap MB of each worker thread (the screening thread's). */
  readonly worker_heaps: readonly number[];
};
export type MemoryReport = { readonly before: MemorySnapshot; readonly after: MemorySnapshot };

export type EventLoopDelay = {
  /** Intervals reported. */
  readonly reports: number;
  /** The longest stall of any interval, ms (null: none reported). */
  readonly maxMs: number | null;
  /** The worst interval's p99, ms. */
  readonly worstP99Ms: number | null;
};

const EVENT_LOOP_REPORT_MS = 1_000;
/** A log line `event loop delay` of the BFF, read (the root has no zod) or null. */
function delayOf(line: string): { maxMs: number; p99Ms: number } | null {
  if (!line.includes('"event loop delay"')) return null;
  const value: unknown = JSON.parse(line);
  if (stringAt(value, 'msg') !== 'event loop delay') return null;
  return { maxMs: numberAt(value, 'max_ms'), p99Ms: numberAt(value, 'p99_ms') };
}

export type BffProcessOptions = {
  readonly cloudApiUrl: string;
  /** Extra environment (e.g. DEMO_WATCHLIST_CSV). */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra node flags, e.g. `--cpu-prof` to see where a figure's time goes. */
  readonly nodeArgs?: readonly string[];
  /** Load bench/support/memory-probe.mjs (and --expose-gc) so `memory()` can ask where memory is. */
  readonly memoryProbe?: boolean;
  /** Every line the BFF writes (its JSON logs, the memory probe's STALL_JSON lines), as it arrives. */
  readonly onLine?: (line: string) => void;
};

const MEMORY_PROBE = join(dirname(fileURLToPath(import.meta.url)), 'memory-probe.mjs');
const MEMORY_LINE = 'MEMORY_JSON ';

/** Starts the bundle on a free loopback port with a fresh SQLite file; resolves when /readyz answers. */
export async function startBffProcess(options: BffProcessOptions): Promise<BffProcess> {
  ensureBffBundle();
  const dir = mkdtempSync(join(tmpdir(), 'kyc-bench-bff-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}`;
  const callbackSecret = randomBytes(24).toString('base64url');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_PATH: join(dir, 'kyc.db'),
    APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    CLOUD_API_URL: options.cloudApiUrl,
    CLOUD_CALLBACK_SECRET: callbackSecret,
    STATIC_DIR: join(dir, 'no-spa'),
    LOG_LEVEL: 'info',
    EVENT_LOOP_REPORT_MS: String(EVENT_LOOP_REPORT_MS),
    ...options.env,
  };
  const probeArgs = options.memoryProbe === true ? ['--expose-gc', '--import', pathToFileURL(MEMORY_PROBE).href] : [];
  const child = spawn(process.execPath, [...probeArgs, ...(options.nodeArgs ?? []), BFF_ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Production writes a JSON line per request; the bench drains them (the cost stays real)
  // and keeps only the last few for a crash report.
  const lines: string[] = [];
  let memoryAsked: ((report: MemoryReport) => void) | null = null;
  const delays: { at: number; maxMs: number; p99Ms: number }[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    let partial = '';
    stream.on('data', (chunk: string) => {
      const chunkLines = chunk.split('\n').filter((l) => l.length > 0);
      for (const line of chunkLines) {
        if (!line.startsWith(MEMORY_LINE) || memoryAsked === null) continue;
        const resolve = memoryAsked;
        memoryAsked = null;
        resolve(memoryReport(line.slice(MEMORY_LINE.length)));
      }
      for (const line of chunkLines) if (line.startsWith('MEMORY_MAPS ')) console.log(line);
      const complete = (partial + chunk).split('\n');
      partial = complete.pop() ?? '';
      for (const line of complete) {
        options.onLine?.(line);
        const delay = delayOf(line);
        if (delay !== null) delays.push({ at: performance.now(), ...delay });
      }
      lines.push(...chunkLines);
      if (lines.length > KEPT_LINES) lines.splice(0, lines.length - KEPT_LINES);
    });
  }
  // Set once ready: a failed start is reported by the error startBffProcess throws.
  let watching = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // A BFF that dies under load is a finding: say so with its last log lines.
      if (watching)
        process.stderr.write(
          `the BFF exited unexpectedly (${String(code ?? signal)}); its last log lines:\n${lines.join('\n')}\n`,
        );
      resolve();
    }),
  );
  const stop = async () => {
    watching = false;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the BFF exited with ${String(child.exitCode)}:\n${lines.join('\n')}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the BFF was not ready within ${String(READY_TIMEOUT_MS)} ms`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  watching = true;
  const memory = (): Promise<MemoryReport> => {
    if (options.memoryProbe !== true) return Promise.reject(new Error('startBffProcess: memoryProbe is off'));
    return new Promise((resolve) => {
      memoryAsked = resolve;
      child.kill('SIGUSR2');
    });
  };
  const eventLoop = (since = 0): EventLoopDelay => {
    const seen = delays.filter((d) => d.at >= since);
    return {
      reports: seen.length,
      maxMs: seen.length === 0 ? null : Math.max(...seen.map((d) => d.maxMs)),
      worstP99Ms: seen.length === 0 ? null : Math.max(...seen.map((d) => d.p99Ms)),
    };
  };
  return { url, callbackSecret, pid: child.pid ?? 0, memory, eventLoop, stop };
}

function snapshotAt(value: unknown, key: string): MemorySnapshot {
  const field = (name: string): number => numberAt(value, key, name);
  const maybe = (name: string): number | null => numberOrNullAt(value, key, name);
  return {
    rss: field('rss'),
    heap_total: field('heap_total'),
    heap_used: field('heap_used'),
    external: field('external'),
    array_buffers: field('array_buffers'),
    anonymous: maybe('anonymous'),
    file_backed: maybe('file_backed'),
    threads: maybe('threads'),
    worker_heaps: arrayAt(value, key, 'worker_heaps').map((n) => (typeof n === 'number' ? n : Number.NaN)),
  };
}

function memoryReport(json: string): MemoryReport {
  const value: unknown = JSON.parse(json);
  return { before: snapshotAt(value, 'before'), after: snapshotAt(value, 'after') };
}
