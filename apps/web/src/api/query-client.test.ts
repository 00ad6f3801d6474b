import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { shouldRetry } from './query-client';

describe('shouldRetry', () => {
  it('never retries a 4xx: the answer would be the same', () => {
    for (const [status, code] of [
      [400, 'validation_failed'],
      [401, 'no_session'],
      [403, 'missing_permission'],
      [404, 'not_found'],
    ] as const) {
      expect(shouldRetry(0, new ApiError(status, code, 'x'))).toBe(false);
    }
  });

  it('retries network failures and 5xx twice, then gives up', () => {
    const network = new ApiError(0, 'network_error', 'x');
    const server = new ApiError(503, 'cloud_unavailable', 'x');
    expect([0, 1, 2].map((count) => shouldRetry(count, network))).toEqual([true, true, false]);
    expect([0, 1, 2].map((count) => shouldRetry(count, server))).toEqual([true, true, false]);
  });
});
