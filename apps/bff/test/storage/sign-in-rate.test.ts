import { describe, expect, it } from 'vitest';
import { createStorage } from '../../src/db/storage';
import { SignInRateLimitedError } from '../../src/services/reviewer-errors';
import { createSignInThrottle, INSTALL_ATTEMPTS_PER_MINUTE } from '../../src/services/sign-in-throttle';
import { ENGINES } from '../support/storage-engines';
import { INSTALL_ID, NOW_MS, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

// The per-install sign-in rate (30 steps a minute, any email) is counted in the database, so
// it holds across replicas instead of per process (decision 022).

describe.each(ENGINES)('an install’s recent sign-in steps on $name', (engine) => {
  const { storage } = useStorage(engine);

  it('counts the steps within the window, oldest first known, and forgets older ones', async () => {
    const { signInThrottle } = storage();
    for (const at of [NOW_MS - 90_000, NOW_MS - 30_000, NOW_MS - 10_000])
      await signInThrottle.recordAttempt(INSTALL_ID, at);
    await signInThrottle.recordAttempt(OTHER_INSTALL_ID, NOW_MS);
    expect(await signInThrottle.recentAttempts(INSTALL_ID, NOW_MS - 60_000)).toEqual({
      count: 2,
      oldest: NOW_MS - 30_000,
    });
    // The step older than the window was deleted, not just left out.
    expect(await signInThrottle.recentAttempts(INSTALL_ID, NOW_MS - 100_000)).toEqual({
      count: 2,
      oldest: NOW_MS - 30_000,
    });
    expect(await signInThrottle.recentAttempts(INSTALL_ID, NOW_MS)).toEqual({ count: 0, oldest: null });
  });
});

describe.each(ENGINES)('the sign-in rate across two replicas on $name', (engine) => {
  it('30 steps a minute for the install, whichever replica takes them; then 429 with when to retry', async () => {
    const { first, second, close } = await engine.openTwo();
    try {
      let now = NOW_MS;
      const clock = { now: () => new Date(now) };
      const [a, b] = [first, second].map((db) => createSignInThrottle({ repos: createStorage(db), clock }));
      if (a === undefined || b === undefined) throw new Error('two replicas');
      for (let n = 0; n < INSTALL_ATTEMPTS_PER_MINUTE; n++) {
        await (n % 2 === 0 ? a : b).checkRate(INSTALL_ID);
        now += 1_000;
      }
      for (const replica of [a, b]) {
        const refused = await replica.checkRate(INSTALL_ID).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(SignInRateLimitedError);
        // The first step was 30 s ago: the window frees in 30 s.
        expect(refused).toMatchObject({ status: 429, details: { retry_after: 30 } });
      }
      // Another install has its own rate.
      await b.checkRate(OTHER_INSTALL_ID);
      // As the oldest steps leave the window, as many are let through again, on either replica.
      now = NOW_MS + 61_001;
      await a.checkRate(INSTALL_ID);
      await b.checkRate(INSTALL_ID);
      await expect(a.checkRate(INSTALL_ID)).rejects.toBeInstanceOf(SignInRateLimitedError);
    } finally {
      await close();
    }
  });
});
