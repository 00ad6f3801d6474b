import { describe, expect, it } from 'vitest';
import { InstallLimiter } from '../../src/cloud/install-limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every queued microtask run, so started tasks have registered themselves. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('InstallLimiter', () => {
  it('runs at most maxConcurrent tasks per install and starts waiters in order', async () => {
    const limiter = new InstallLimiter(2);
    const started: number[] = [];
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const runs = gates.map((gate, i) =>
      limiter.run('instapp_a', async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  });

  it('does not hold one install behind another', async () => {
    const limiter = new InstallLimiter(1);
    const gate = deferred();
    const slow = limiter.run('instapp_slow', () => gate.promise);
    const other = await limiter.run('instapp_other', () => Promise.resolve('done'));
    expect(other).toBe('done');
    gate.resolve();
    await slow;
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new InstallLimiter(1);
    await expect(limiter.run('instapp_a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('instapp_a', () => Promise.resolve(1))).toBe(1);
  });
});
