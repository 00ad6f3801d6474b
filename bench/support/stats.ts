/** Nearest-rank percentile of `values` (NaN when empty). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

export type Latency = {
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly samples: number;
};

/** p50/p99/max of a list of durations in ms, rounded for printing. */
export function latency(values: readonly number[]): Latency {
  return {
    p50_ms: round(percentile(values, 50), 2),
    p99_ms: round(percentile(values, 99), 2),
    max_ms: round(Math.max(...values), 2),
    samples: values.length,
  };
}

export const ms = (n: number): string => `${String(round(n, n < 10 ? 2 : 1))} ms`;
export const showLatency = (l: Latency): string => `p50 ${ms(l.p50_ms)} / p99 ${ms(l.p99_ms)}`;
