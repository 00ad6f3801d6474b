import { spawn } from 'node:child_process';
import { freePort } from '../../scripts/process-tools.mjs';
import type { EventLoopDelay } from './bff-process';
import { numberAt } from './json';

// The same-run baseline for event-loop and latency figures: a Node process that does nothing
// but answer `GET /` and log its own event loop's delay once a second. On 2 cores shared by
// a dozen processes, what it sees is the machine's scheduling, not any code of ours; the
// BFF's figures beside it say what the BFF adds.

const SOURCE = `
const { createServer } = require('node:http');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
setInterval(() => {
  process.stdout.write(JSON.stringify({ max_ms: h.max / 1e6, p99_ms: h.percentile(99) / 1e6 }) + '\\n');
  h.reset();
}, 1000);
createServer((req, res) => res.end('ok')).listen(Number(process.env.CONTROL_PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;

export type ControlProcess = {
  readonly url: string;
  eventLoop(since?: number): EventLoopDelay;
  stop(): Promise<void>;
};

export async function startControlProcess(): Promise<ControlProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', SOURCE], {
    env: { PATH: process.env.PATH ?? '', CONTROL_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const delays: { at: number; maxMs: number; p99Ms: number }[] = [];
  let partial = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the control process exited with ${String(code)}`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve();
        else if (line.startsWith('{')) {
          const value: unknown = JSON.parse(line);
          delays.push({ at: performance.now(), maxMs: numberAt(value, 'max_ms'), p99Ms: numberAt(value, 'p99_ms') });
        }
      }
    });
  });
  await ready;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${String(port)}/`,
    eventLoop: (since = 0) => {
      const seen = delays.filter((d) => d.at >= since);
      const round = (ms: number) => Math.round(ms * 10) / 10;
      return {
        reports: seen.length,
        maxMs: seen.length === 0 ? null : round(Math.max(...seen.map((d) => d.maxMs))),
        worstP99Ms: seen.length === 0 ? null : round(Math.max(...seen.map((d) => d.p99Ms))),
      };
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
