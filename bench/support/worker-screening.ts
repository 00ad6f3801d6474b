// The BFF's path for the SDN-size list (decision 006): the index built in the watchlist worker
// thread from the stored rows (JSON), with the main thread's longest event-loop stall while it
// builds; then 10 000 identities screened in the screening thread, in batches as a sync sends them.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Identity, WatchlistEntry } from '../../packages/contracts/src/index';
import { screenIdentity, type WatchlistIndex } from '../../packages/kyc/src/index';
import { createWatchlistWorkers } from '../../apps/bff/src/services/watchlist-worker/watchlist-workers';

const ROWS_PER_PAGE = 500;
const IDENTITIES_PER_BATCH = 500;

export type WorkerFigures = {
  readonly worker_build_ms: number;
  readonly worker_build_loop_max_ms: number;
  readonly worker_screen_total_s: number;
  readonly worker_same_hits: boolean;
  readonly index_mb: number;
};

async function* pages(rows: readonly string[]): AsyncGenerator<readonly string[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_PAGE) {
    yield rows.slice(i, i + ROWS_PER_PAGE);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function measureInWorker(
  entries: readonly WatchlistEntry[],
  identities: readonly Identity[],
  local: WatchlistIndex,
  threshold: number,
): Promise<WorkerFigures> {
  const workers = createWatchlistWorkers();
  try {
    const rows = entries.map((e) => JSON.stringify(e));
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    const index = await workers.buildIndex(pages(rows));
    const buildMs = performance.now() - started;
    loop.disable();
    workers.use('bench', index);
    await workers.screen('bench', identities.slice(0, 200), threshold); // start the thread, warm up
    const screenStart = performance.now();
    const hits: (readonly unknown[])[] = [];
    for (let i = 0; i < identities.length; i += IDENTITIES_PER_BATCH)
      hits.push(...(await workers.screen('bench', identities.slice(i, i + IDENTITIES_PER_BATCH), threshold)));
    const screenS = (performance.now() - screenStart) / 1000;
    const sample = identities.slice(0, 500);
    const same = sample.every(
      (identity, i) => JSON.stringify(hits[i]) === JSON.stringify(screenIdentity(identity, local, { threshold })),
    );
    return {
      worker_build_ms: Math.round(buildMs),
      worker_build_loop_max_ms: Math.round(loop.max / 1e6),
      worker_screen_total_s: Number(screenS.toFixed(3)),
      worker_same_hits: same,
      index_mb: Number((index.byteSize() / 1024 / 1024).toFixed(1)),
    };
  } finally {
    await workers.stop();
  }
}
