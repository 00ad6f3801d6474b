// Loaded into a benchmarked BFF with `node --expose-gc --import <this file>` (bench only, never
// in production): on SIGUSR2 it writes one `MEMORY_JSON {...}` line to stderr with where the
// process's memory is, before and after a full collection of the main thread's heap. The
// bench reads it through startBffProcess's `memory()` to say what the resident figure is made of.
import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;
const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;

/** Fields of /proc/self/smaps_rollup and /proc/self/status, in MB (kB in the files). */
function procFields(file, names) {
  const text = readFileSync(file, 'utf8');
  const out = {};
  for (const name of names) {
    const match = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
    out[name] = match === null ? null : mb(Number(match[1]) * 1024);
  }
  return out;
}

function snapshot() {
  const usage = process.memoryUsage();
  const rollup = procFields('/proc/self/smaps_rollup', ['Rss', 'Anonymous', 'Shared_Clean', 'Private_Clean']);
  const threads = /^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  // Worker threads' heaps (the screening thread's), from the diagnostic report.
  const workers = (process.report?.getReport()?.workers ?? []).map((w) => mb(w?.javascriptHeap?.totalMemory ?? 0));
  return {
    worker_heaps: workers,
    rss: mb(usage.rss),
    heap_total: mb(usage.heapTotal),
    heap_used: mb(usage.heapUsed),
    external: mb(usage.external),
    array_buffers: mb(usage.arrayBuffers),
    anonymous: rollup.Anonymous,
    file_backed: rollup.Rss === null || rollup.Anonymous === null ? null : mb((rollup.Rss - rollup.Anonymous) * MB),
    threads: threads === null ? null : Number(threads[1]),
  };
}

/** Resident MB per kind of mapping: [heap] (the main malloc arena), file-backed, and anonymous ones by size. */
function mappings() {
  const out = { brk_heap: 0, files: 0, anon_by_size: {} };
  let current = null;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header !== null) {
      const size = (parseInt(header[2], 16) - parseInt(header[1], 16)) / MB;
      const path = header[4];
      current =
        path === '[heap]'
          ? 'brk_heap'
          : path.startsWith('/')
            ? 'files'
            : path === ''
              ? `anon ${size >= 64 ? '>=64' : size >= 8 ? '8-64' : size >= 1 ? '1-8' : '<1'} MB`
              : path;
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss === null || current === null) continue;
    const value = Number(rss[1]) / 1024;
    if (current === 'brk_heap' || current === 'files') out[current] += value;
    else out.anon_by_size[current] = (out.anon_by_size[current] ?? 0) + value;
  }
  out.brk_heap = mb(out.brk_heap * MB);
  out.files = mb(out.files * MB);
  for (const k of Object.keys(out.anon_by_size)) out.anon_by_size[k] = mb(out.anon_by_size[k] * MB);
  return out;
}

// Event-loop stalls, as they happen: a 10 ms timer that fires late by more than STALL_MS
// writes one `STALL_JSON {"at": <epoch ms when the stall began>, "ms": <how long>, "mono_us":
// <the same on the monotonic clock, µs>}` line, so the bench can lay the stalls beside the
// import's phases, and cpu-profile-tasks.ts find what a CPU profile sampled during each
// (V8's profile timestamps are on the same monotonic clock).
const TICK_MS = 10;
const STALL_MS = 50;
let lastTick = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - lastTick - TICK_MS;
  lastTick = now;
  if (late >= STALL_MS)
    process.stderr.write(
      `STALL_JSON ${JSON.stringify({
        at: Math.round(Date.now() - late),
        ms: Math.round(late),
        mono_us: Math.round(Number(process.hrtime.bigint() / 1000n) - late * 1000),
      })}\n`,
    );
}, TICK_MS).unref();

process.on('SIGUSR2', () => {
  const before = snapshot();
  globalThis.gc?.();
  const after = snapshot();
  process.stderr.write(`MEMORY_JSON ${JSON.stringify({ before, after })}\n`);
  if (process.env.BENCH_MEMORY_MAPS === '1') process.stderr.write(`MEMORY_MAPS ${JSON.stringify(mappings())}\n`);
});
