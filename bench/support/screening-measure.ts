// Timing the indexed screen against the naive scan over one list (bench/screening.ts).
import type { Identity } from '../../packages/contracts/src/index';
import { DEFAULT_KYC_SETTINGS } from '../../packages/contracts/src/index';
import { naiveScreen, screenIdentity, type WatchlistIndex } from '../../packages/kyc/src/index';

const threshold = DEFAULT_KYC_SETTINGS.watchlist_threshold;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

type Screen = typeof screenIdentity;

/** A screen's hits as one comparable text: ids and scores. */
export const hitKeys = (screen: Screen, identity: Identity, index: WatchlistIndex): string =>
  screen(identity, index, { threshold })
    .map((h) => `${h.hit_id}:${String(h.score)}`)
    .join(',');

/** CPU milliseconds `work` took in this process (wall time on a shared machine says less). */
export function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export type Timing = { perCall: number[]; totalMs: number; cpuMs: number; hits: number };

export function timeEach(screen: Screen, identities: readonly Identity[], index: WatchlistIndex): Timing {
  const perCall: number[] = [];
  let hits = 0;
  const started = performance.now();
  const cpu = cpuMs(() => {
    for (const identity of identities) {
      const t0 = performance.now();
      hits += screen(identity, index, { threshold }).length;
      perCall.push(performance.now() - t0);
    }
  });
  return { perCall, totalMs: performance.now() - started, cpuMs: cpu, hits };
}

export type ListFigures = {
  readonly median_ms: number;
  readonly naive_median_ms: number;
  readonly total_s: number;
  readonly total_cpu_s: number;
  readonly naive_total_s_estimated: number;
  readonly speedup: number;
  readonly hits: number;
  readonly same_matches_naive_sample: boolean;
};

/** The indexed screen of every identity (after a warm-up) beside the naive scan of a sample. */
export function screenList(identities: readonly Identity[], index: WatchlistIndex, naiveSample: number): ListFigures {
  timeEach(screenIdentity, identities.slice(0, 200), index); // warm up the JIT
  const indexed = timeEach(screenIdentity, identities, index);
  const sample = identities.slice(0, naiveSample);
  const naive = timeEach(naiveScreen, sample, index);
  const naiveTotalS = ((naive.totalMs / naiveSample) * identities.length) / 1000;
  return {
    median_ms: Number(median(indexed.perCall).toFixed(3)),
    naive_median_ms: Number(median(naive.perCall).toFixed(3)),
    total_s: Number((indexed.totalMs / 1000).toFixed(3)),
    total_cpu_s: Number((indexed.cpuMs / 1000).toFixed(3)),
    naive_total_s_estimated: Number(naiveTotalS.toFixed(1)),
    speedup: Number((naiveTotalS / (indexed.totalMs / 1000)).toFixed(1)),
    hits: indexed.hits,
    same_matches_naive_sample: sample.every(
      (identity) => hitKeys(screenIdentity, identity, index) === hitKeys(naiveScreen, identity, index),
    ),
  };
}
