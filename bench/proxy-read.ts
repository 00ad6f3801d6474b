/**
 * Proxied identity-page reads: the SPA's `GET /api/identities?page=N` through the BFF
 * against the same page read straight from Cloud (`GET /data/identities?page=N` with the
 * install's key), both served by the local emulator, in one run.
 *
 * Run: pnpm exec tsx bench/proxy-read.ts   (about 30 s; last line: BENCH_JSON {...})
 *
 * Three processes on loopback, as in production where Cloud is another host: the
 * emulator (its own tsx process), the BFF (the production bundle: NODE_ENV=production, a
 * WAL SQLite file in a temp directory, the real Cloud client with its default timeouts,
 * retries and per-install cap, a JSON log line per request drained from its stdout), and
 * this process, which only generates load. It installs the app through the emulator and
 * enters a session, then measures:
 *   - throughput at 16 concurrent keep-alive connections, BFF vs direct, and the ratio;
 *   - latency at 1 connection, BFF and direct requests interleaved, and the latency the
 *     BFF adds (p50/p99 of BFF minus the same percentile direct). Target: added p50 ≤ 2 ms.
 * A BFF read is the direct read plus its own HTTP hop, the session lookup (and
 * idle-expiry touch) in SQLite, an outgoing fetch to Cloud, the zod parse of Cloud's page
 * and the DTO mapping. The throughput ratio is a floor: the BFF sends at most 4 Cloud
 * calls of one install at once (by design, to spare Cloud's rate limits), so 16
 * connections of one session queue there, and on a 2-core machine the three processes
 * compete for CPU. The added latency is the figure with a target.
 * Request counts are fixed, everything is loopback, and it stops by itself.
 */
import { Agent, request } from 'node:http';
import { startBffProcess } from './support/bff-process';
import { startEmulatorProcess } from './support/emulator-process';
import { installAndEnter } from './support/install-session';
import { report } from './support/report';
import { percentile, round } from './support/stats';

const IDENTITIES = 2_000;
const PAGE_SIZE = 20;
const WARMUP = 300;
const LATENCY_REQUESTS = 1_500;
const THROUGHPUT_REQUESTS = 4_000;
const CONCURRENCY = 16;
const TARGET_ADDED_P50_MS = 2;

type Target = {
  readonly base: string;
  readonly path: (page: number) => string;
  readonly headers: Record<string, string>;
};
type Sample = { readonly status: number; readonly ms: number };

/** One GET on a keep-alive agent, body read to the end. */
function get(agent: Agent, target: Target, page: number): Promise<Sample> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${target.base}${target.path(page)}`, { agent, headers: target.headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const pages = IDENTITIES / PAGE_SIZE;
const pageFor = (i: number) => (i % pages) + 1;

function check(sample: Sample, what: string): Sample {
  if (sample.status !== 200) throw new Error(`${what} answered ${String(sample.status)}`);
  return sample;
}

/** `count` requests over `concurrency` connections; requests per second. */
async function throughput(target: Target, count: number, concurrency: number, what: string): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      check(await get(agent, target, pageFor(i)), what);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return count / seconds;
}

async function main() {
  const emulator = await startEmulatorProcess({ seed: 11, identities: IDENTITIES });
  const bff = await startBffProcess({ cloudApiUrl: emulator.url }).catch(async (error: unknown) => {
    await emulator.stop();
    throw error;
  });

  try {
    const { instanceId, apiKey, cookie } = await installAndEnter({
      emulatorUrl: emulator.url,
      bffUrl: bff.url,
      callbackSecret: bff.callbackSecret,
      permissions: ['data:read'],
    });

    const viaBff: Target = {
      base: bff.url,
      path: (page) => `/api/identities?page=${String(page)}&pageSize=${String(PAGE_SIZE)}`,
      headers: { cookie },
    };
    const direct: Target = {
      base: emulator.url,
      path: (page) => `/data/identities?instance_id=${instanceId}&page=${String(page)}&pageSize=${String(PAGE_SIZE)}`,
      headers: { authorization: `Bearer ${apiKey}` },
    };

    // Warm both paths (JIT, sockets, SQLite page cache) before measuring anything.
    await throughput(viaBff, WARMUP, CONCURRENCY, 'BFF');
    await throughput(direct, WARMUP, CONCURRENCY, 'direct');

    // Latency at 1 connection, interleaved so both see the same machine load.
    const bffAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const directAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const bffMs: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < LATENCY_REQUESTS; i += 1) {
      directMs.push(check(await get(directAgent, direct, pageFor(i)), 'direct').ms);
      bffMs.push(check(await get(bffAgent, viaBff, pageFor(i)), 'BFF').ms);
    }
    bffAgent.destroy();
    directAgent.destroy();

    // Throughput: two alternating rounds, best of each, to damp noise from other work.
    const directRps: number[] = [];
    const bffRps: number[] = [];
    for (let pass = 0; pass < 2; pass += 1) {
      directRps.push(await throughput(direct, THROUGHPUT_REQUESTS, CONCURRENCY, 'direct'));
      bffRps.push(await throughput(viaBff, THROUGHPUT_REQUESTS, CONCURRENCY, 'BFF'));
    }

    const result = {
      identities: IDENTITIES,
      page_size: PAGE_SIZE,
      concurrency: CONCURRENCY,
      throughput_requests: THROUGHPUT_REQUESTS,
      latency_requests: LATENCY_REQUESTS,
      direct_rps: round(Math.max(...directRps), 0),
      bff_rps: round(Math.max(...bffRps), 0),
      bff_to_direct_ratio: round(Math.max(...bffRps) / Math.max(...directRps)),
      direct_p50_ms: round(percentile(directMs, 50), 3),
      direct_p99_ms: round(percentile(directMs, 99), 3),
      bff_p50_ms: round(percentile(bffMs, 50), 3),
      bff_p99_ms: round(percentile(bffMs, 99), 3),
      added_p50_ms: round(percentile(bffMs, 50) - percentile(directMs, 50), 3),
      added_p99_ms: round(percentile(bffMs, 99) - percentile(directMs, 99), 3),
      target_added_p50_ms: TARGET_ADDED_P50_MS,
    };
    console.log(
      `identity pages of ${String(PAGE_SIZE)} from ${String(IDENTITIES)} identities, loopback; emulator, BFF and load generator in separate processes`,
    );
    console.log(
      `latency at 1 connection: BFF p50 ${String(result.bff_p50_ms)} ms / p99 ${String(result.bff_p99_ms)} ms; direct p50 ${String(result.direct_p50_ms)} ms / p99 ${String(result.direct_p99_ms)} ms`,
    );
    report(
      'proxy-read',
      [
        {
          name: 'proxied identity page, 1 connection: p50 added by the BFF',
          value: result.added_p50_ms,
          unit: 'ms',
          shown: `+${String(result.added_p50_ms)} ms p50 / +${String(result.added_p99_ms)} ms p99`,
          goal: { atMost: TARGET_ADDED_P50_MS },
          baseline: {
            name: 'direct',
            value: result.direct_p50_ms,
            shown: `p50 ${String(result.direct_p50_ms)} ms / p99 ${String(result.direct_p99_ms)} ms`,
          },
        },
        {
          name: `proxied identity page, throughput at ${String(CONCURRENCY)} connections`,
          value: result.bff_rps,
          unit: 'req/s',
          baseline: { name: 'direct', value: result.direct_rps },
        },
      ],
      result,
    );
  } finally {
    await bff.stop();
    await emulator.stop();
  }
}

await main();
