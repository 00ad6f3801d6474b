import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * How long background work (an import's parsing and staging, an index build, re-assessment)
 * may hold the event loop before it lets requests through: a callback that waits behind it
 * waits at most about this long per step of its own (decisions 015, 018).
 */
export const SLICE_MS = 15;

/**
 * Cuts CPU-heavy work into slices of at most `budgetMs`: call `due()` between two units of
 * work (cheap: a clock read), and when it says so, `pause()` to yield to the event loop.
 */
export class TimeSlices {
  private started = performance.now();

  constructor(private readonly budgetMs: number = SLICE_MS) {}

  /** The current slice has used its budget: end it (commit) and pause. */
  due(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  /** Lets the event loop run (I/O, timers, other requests), then starts a new slice. */
  async pause(): Promise<void> {
    await yieldToEventLoop();
    this.started = performance.now();
  }

  /** Pauses only when the slice is used up. */
  async maybePause(): Promise<void> {
    if (this.due()) await this.pause();
  }
}
