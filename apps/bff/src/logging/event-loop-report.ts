import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from './logger';

/** The histogram's sampling step: stalls shorter than this are not told apart. */
const RESOLUTION_MS = 10;
const round = (ns: number) => Math.round(ns / 1e5) / 10;

/**
 * Logs, every `intervalMs`, how long the event loop was held (`event loop delay`: the longest
 * stall, p99 and p50 of the interval, in ms), then starts a new interval: how long a request
 * could wait behind background work (a sync slice, a re-assessment; decision 019). Returns the
 * stop function.
 */
export function startEventLoopReport(logger: Pick<Logger, 'info'>, intervalMs: number): () => void {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const timer = setInterval(() => {
    logger.info('event loop delay', {
      interval_ms: intervalMs,
      max_ms: round(histogram.max),
      p99_ms: round(histogram.percentile(99)),
      p50_ms: round(histogram.percentile(50)),
    });
    histogram.reset();
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}
