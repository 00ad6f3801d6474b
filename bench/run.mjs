// `pnpm bench`: runs every benchmark script in bench/ one after another (each in its own
// tsx process, output streamed with a prefix), collects the `BENCH_JSON {...}` line each
// ends with (written by bench/support/report.ts), and prints one table: every figure beside
// its goal, whether it is met, and its same-run baseline. Benchmarks report, they do not
// gate: a missed goal still exits 0; a script that crashes, hangs past its time limit or prints no BENCH_JSON
// exits 1. `pnpm bench callback-ack queue-page` runs only the named scripts.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
/** Fast ones first; anything else found in bench/ runs after these. */
const ORDER = ['initial-js', 'first-load', 'callback-ack', 'proxy-read', 'screening', 'sync', 'queue-page'];
const LIMIT_MS = {
  'queue-page': 30 * 60_000,
  sync: 20 * 60_000,
  'sync-1m': 90 * 60_000,
  'sync-insert-cost': 15 * 60_000,
};
const DEFAULT_LIMIT_MS = 5 * 60_000;
/** Run only when their variable is set; otherwise the table says how to run them. */
const OPTIONAL = { 'sync-1m': { env: 'BENCH_LARGE', what: '1M identities, about an hour on 2 shared cores' } };

// Scratch files start with `_`; support/ holds modules, not benchmarks.
const found = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const all = [...ORDER.filter((n) => found.includes(n)), ...found.filter((n) => !ORDER.includes(n)).sort()];
const asked = process.argv.slice(2).filter((a) => a !== '--');
const unknown = asked.filter((n) => !all.includes(n));
if (unknown.length > 0) {
  console.error(`no such benchmark: ${unknown.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}
const names = asked.length > 0 ? all.filter((n) => asked.includes(n)) : all;

let current = null;
let interrupted = false;

/** SIGTERM to the script's whole process group, SIGKILL to what is left 5 s later. */
function stopGroup(child) {
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  setTimeout(() => signal('SIGKILL'), 5_000).unref();
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    interrupted = true;
    if (current !== null) stopGroup(current);
  });
}

/** Runs one script; resolves with its parsed BENCH_JSON or an error text. */
function runOne(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    // Its own process group, so a time-out or Ctrl-C also stops the BFF and emulator it started.
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', `${name}.ts`)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    current = child;
    let benchLine = null;
    const prefix = (stream, out) => {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('BENCH_JSON ')) benchLine = line.slice('BENCH_JSON '.length);
          out.write(`[${name}] ${line}\n`);
        }
      });
      stream.on('end', () => {
        if (buffer.length > 0) out.write(`[${name}] ${buffer}\n`);
      });
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    const limit = LIMIT_MS[name] ?? DEFAULT_LIMIT_MS;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup(child);
    }, limit);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      const seconds = Math.round((Date.now() - started) / 1000);
      if (timedOut) return resolve({ name, seconds, error: `stopped after the ${limit / 1000} s limit` });
      if (code !== 0) return resolve({ name, seconds, error: `exited with ${code ?? signal}` });
      if (benchLine === null) return resolve({ name, seconds, error: 'printed no BENCH_JSON line' });
      let result;
      try {
        result = JSON.parse(benchLine);
      } catch {
        return resolve({ name, seconds, error: 'printed a BENCH_JSON line that is not JSON' });
      }
      if (!Array.isArray(result?.figures))
        return resolve({ name, seconds, error: 'printed a BENCH_JSON line without a figures list' });
      resolve({ name, seconds, result });
    });
  });
}

/** Table rows of one result: one per figure, formatted by bench/support/report.ts. */
function rowsOf(result) {
  return result.figures.map((f) => ({
    benchmark: String(f.name),
    figure: String(f.shown),
    target: String(f.goal_text),
    met: f.met === true ? 'yes' : f.met === false ? 'NO' : f.value === null ? 'not measured' : '-',
    baseline: String(f.baseline_text ?? ''),
    ratio: String(f.ratio_text ?? ''),
  }));
}

function printTable(rows) {
  const header = ['benchmark', 'figure', 'goal', 'met', 'baseline (same run)', 'ratio'];
  const cells = rows.map((r) => [r.benchmark, r.figure, r.target, r.met, r.baseline, r.ratio]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => `| ${c.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

const outcomes = [];
const skipped = [];
for (const name of names) {
  if (interrupted) break;
  const optional = OPTIONAL[name];
  // Named on the command line, an optional benchmark runs; in a plain `pnpm bench` only with its variable.
  if (optional !== undefined && asked.length === 0 && process.env[optional.env] !== '1') {
    skipped.push({ name, ...optional });
    continue;
  }
  console.log(`\n=== ${name} ===`);
  outcomes.push(await runOne(name));
}

const rows = [];
for (const o of outcomes) {
  if (o.error === undefined) rows.push(...rowsOf(o.result));
  else
    rows.push({
      benchmark: o.name,
      figure: `CRASHED: ${o.error}`,
      baseline: '',
      ratio: '',
      target: '',
      met: 'crashed',
    });
}
for (const s of skipped)
  rows.push({
    benchmark: s.name,
    figure: `skipped (${s.what}): ${s.env}=1 runs it`,
    baseline: '',
    ratio: '',
    target: '',
    met: 'not run',
  });
console.log(
  `\nBenchmarks (${new Date().toISOString()}, ${outcomes.map((o) => `${o.name} ${o.seconds} s`).join(', ')})\n`,
);
printTable(rows);
if (interrupted) {
  console.error('\ninterrupted');
  process.exit(130);
}
const crashed = outcomes.filter((o) => o.error !== undefined);
if (crashed.length > 0) {
  console.error(`\n${crashed.length} benchmark(s) crashed: ${crashed.map((o) => o.name).join(', ')}`);
  process.exit(1);
}
