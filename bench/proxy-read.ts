/**
 * Proxied identity-page reads: the SPA's `GET /api/identities?page=N` through the BFF
 * against the same page read straight from Cloud (`GET /data/identities?page=N` with the
 * install's key), both served by the local emulator, in one run.
 *
 * Run: pnpm exec tsx bench/proxy-read.ts   (about 30 s; last line: BENCH_JSON {...})
 *
 * It starts the emulator and a production-like BFF in this process on 127.0.0.1 (random
 * ports): NODE_ENV=production config, a WAL SQLite file in a temp directory, the real
 * Cloud client with its default timeouts, retries and per-install cap, JSON logs
 * formatted and discarded. It installs the app through the emulator and enters a
 * session, then measures:
 *   - throughput at 16 concurrent keep-alive connections, BFF vs direct, and the ratio;
 *   - latency at 1 connection, BFF and direct requests interleaved, and the latency the
 *     BFF adds (p50/p99 of BFF minus the same percentile direct). Target: added p50 ≤ 2 ms.
 * Everything shares one event loop (load generator, BFF, emulator), so the ratio is of
 * CPU per request: a BFF read is the direct read plus its own HTTP hop, the session
 * lookup (and idle-expiry touch) in SQLite, an outgoing fetch to Cloud, the zod parse of
 * Cloud's page and the DTO mapping. The added latency is the figure with a target.
 * Request counts are fixed, everything is loopback, and it stops by itself.
 * Imports go by path: the workspace root depends on no workspace package.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCloudEmulator } from '../packages/cloud-emulator/src/index';
import { createApp } from '../apps/bff/src/app';
import { systemClock } from '../apps/bff/src/clock';
import { migrate } from '../apps/bff/src/db/migrate';
import { openDatabase } from '../apps/bff/src/db/open-database';
import { parseConfig } from '../apps/bff/src/env';
import { createLogger } from '../apps/bff/src/logging/logger';
import { createServices } from '../apps/bff/src/services/create-services';
import { startServer } from '../apps/bff/test/support/server';

const IDENTITIES = 2_000;
const PAGE_SIZE = 20;
const WARMUP = 300;
const LATENCY_REQUESTS = 1_500;
const THROUGHPUT_REQUESTS = 4_000;
const CONCURRENCY = 16;
const TARGET_ADDED_P50_MS = 2;

type Target = { readonly base: string; readonly path: (page: number) => string; readonly headers: Record<string, string> };
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

/** A string at `path` in a JSON answer, or an error naming the path (no casts on outside data). */
function stringAt(value: unknown, ...path: string[]): string {
  let at = value;
  for (const key of path) at = typeof at === 'object' && at !== null ? Reflect.get(at, key) : undefined;
  if (typeof at !== 'string') throw new Error(`the emulator's answer has no ${path.join('.')}`);
  return at;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function main() {
  const emulator = await createCloudEmulator({ seed: 11, identitiesPerInstance: IDENTITIES }).listen(0, '127.0.0.1');
  const dir = mkdtempSync(join(tmpdir(), 'kyc-bench-'));
  const secret = randomBytes(24).toString('base64url');
  const config = parseConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://kyc-review.bench.invalid',
    DATABASE_PATH: join(dir, 'kyc.db'),
    APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    CLOUD_API_URL: emulator.url,
    CLOUD_CALLBACK_SECRET: secret,
    LOG_LEVEL: 'info',
    STATIC_DIR: join(dir, 'no-spa'),
  });
  // Production formats every line as JSON; the bench discards them instead of printing.
  const logger = createLogger({ level: config.logLevel, sink: () => undefined });
  const db = openDatabase(config.databasePath);
  migrate(db);
  const services = createServices({ db, config, clock: systemClock, logger });
  const bff = await startServer(createApp({ db, config, clock: systemClock, logger, services }));

  try {
    const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const res = await fetch(`${emulator.url}/_emulator${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
      if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${String(res.status)}`);
      return res.json();
    };
    const key = `?key=${encodeURIComponent(secret)}`;
    await control('PUT', '/manifest', { callback_url: `${bff.url}/cloud/callback${key}`, portal_generator_url: `${bff.url}/cloud/portal${key}`, permissions: ['data:read'] });
    const installed = await control('POST', '/installs', { permissions: ['data:read'] });
    const installId = stringAt(installed, 'install', 'installed_app_id');
    const instanceId = stringAt(installed, 'install', 'instance_id');
    const apiKey = stringAt(installed, 'install', 'api_key');
    const portal = new URL(stringAt(await control('POST', `/installs/${installId}/launch`, { user_id: 'user_bench' }), 'portal_url'));
    const enter = await fetch(`${bff.url}${portal.pathname}${portal.search}`, { redirect: 'manual' });
    const cookie = (enter.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (enter.status !== 303 || cookie === '') throw new Error(`/portal/enter answered ${String(enter.status)}`);

    const viaBff: Target = { base: bff.url, path: (page) => `/api/identities?page=${String(page)}&pageSize=${String(PAGE_SIZE)}`, headers: { cookie } };
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
    const verdict = result.added_p50_ms <= TARGET_ADDED_P50_MS ? 'meets target' : 'MISSES target';
    console.log(`identity pages of ${String(PAGE_SIZE)} from ${String(IDENTITIES)} identities, loopback, one process`);
    console.log(`throughput at ${String(CONCURRENCY)} connections: BFF ${String(result.bff_rps)} req/s vs direct ${String(result.direct_rps)} req/s (ratio ${String(result.bff_to_direct_ratio)})`);
    console.log(`latency at 1 connection: BFF p50 ${String(result.bff_p50_ms)} ms / p99 ${String(result.bff_p99_ms)} ms; direct p50 ${String(result.direct_p50_ms)} ms / p99 ${String(result.direct_p99_ms)} ms`);
    console.log(`added by the BFF: p50 ${String(result.added_p50_ms)} ms (target ≤ ${String(TARGET_ADDED_P50_MS)} ms: ${verdict}), p99 ${String(result.added_p99_ms)} ms`);
    console.log(`BENCH_JSON ${JSON.stringify(result)}`);
    return result;
  } finally {
    await bff.close();
    await emulator.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
