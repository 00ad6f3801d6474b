/**
 * A small semaphore per install: at most `maxConcurrent` Cloud calls of one install are
 * in flight, the rest wait in order. One install's slow Cloud instance then holds a
 * handful of sockets, not every request the BFF is serving.
 */
export class InstallLimiter {
  readonly #lanes = new Map<string, { active: number; readonly waiting: (() => void)[] }>();

  constructor(readonly maxConcurrent: number) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)
      throw new RangeError('maxConcurrent must be a positive integer');
  }

  async run<T>(installId: string, task: () => Promise<T>): Promise<T> {
    await this.#acquire(installId);
    try {
      return await task();
    } finally {
      this.#release(installId);
    }
  }

  #acquire(installId: string): Promise<void> {
    let lane = this.#lanes.get(installId);
    if (lane === undefined) {
      lane = { active: 0, waiting: [] };
      this.#lanes.set(installId, lane);
    }
    if (lane.active < this.maxConcurrent) {
      lane.active += 1;
      return Promise.resolve();
    }
    const queue = lane.waiting;
    return new Promise((resolve) => queue.push(resolve));
  }

  #release(installId: string): void {
    const lane = this.#lanes.get(installId);
    if (lane === undefined) return;
    const next = lane.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays as it is.
    if (next !== undefined) {
      next();
      return;
    }
    lane.active -= 1;
    if (lane.active === 0) this.#lanes.delete(installId);
  }
}
