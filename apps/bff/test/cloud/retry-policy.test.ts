import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelay, type AttemptFailure, type RetryOptions } from '../../src/cloud/retry-policy';

const options: RetryOptions = { attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };
const half = () => 0.5;
const status = (code: number, retryAfterMs: number | null = null): AttemptFailure => ({
  kind: 'status',
  status: code,
  retryAfterMs,
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:05 GMT', now)).toBe(5_000);
  });

  it('treats a date in the past as "now" and anything unreadable as absent', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
  });

  it('caps a huge Retry-After at 15 minutes, as seconds or as a date decades away', () => {
    expect(parseRetryAfter('999999999', now)).toBe(15 * 60_000);
    expect(parseRetryAfter('999999999999', now)).toBe(15 * 60_000);
    expect(parseRetryAfter('Tue, 01 Jan 2058 00:00:00 GMT', now)).toBe(15 * 60_000);
    expect(parseRetryAfter('900', now)).toBe(900_000);
  });
});

describe('retryDelay', () => {
  it('retries reads on 5xx, network errors and timeouts with jittered, growing backoff', () => {
    expect(retryDelay(status(500), 'read', 1, options, half)).toBe(50);
    expect(retryDelay(status(502), 'read', 2, options, half)).toBe(100);
    expect(retryDelay({ kind: 'network' }, 'read', 1, options, () => 0.999)).toBe(99);
    expect(retryDelay({ kind: 'timeout' }, 'read', 1, options, () => 0)).toBe(0);
    expect(retryDelay(status(429), 'read', 1, options, half)).toBe(50);
  });

  it('caps backoff at maxDelayMs', () => {
    expect(retryDelay(status(500), 'read', 2, { attempts: 10, baseDelayMs: 1_000, maxDelayMs: 1_500 }, () => 1)).toBe(
      1_500,
    );
  });

  it('never retries a write whose outcome is unknown', () => {
    expect(retryDelay(status(500), 'write', 1, options, half)).toBeNull();
    expect(retryDelay(status(502), 'write', 1, options, half)).toBeNull();
    expect(retryDelay(status(503), 'write', 1, options, half)).toBeNull();
    expect(retryDelay(status(429), 'write', 1, options, half)).toBeNull();
    expect(retryDelay({ kind: 'network' }, 'write', 1, options, half)).toBeNull();
    expect(retryDelay({ kind: 'timeout' }, 'write', 1, options, half)).toBeNull();
  });

  it('honours Retry-After on 429/503: reads until attempts run out, writes exactly once', () => {
    expect(retryDelay(status(429, 1_000), 'read', 1, options, half)).toBe(1_000);
    expect(retryDelay(status(503, 700), 'read', 2, options, half)).toBe(700);
    expect(retryDelay(status(429, 1_000), 'read', 3, options, half)).toBeNull();
    expect(retryDelay(status(429, 1_000), 'write', 1, options, half)).toBe(1_000);
    expect(retryDelay(status(503, 1_000), 'write', 1, options, half)).toBe(1_000);
    expect(retryDelay(status(429, 1_000), 'write', 2, options, half)).toBeNull();
  });

  it('does not wait for a Retry-After longer than it may wait', () => {
    expect(retryDelay(status(429, 2_001), 'read', 1, options, half)).toBeNull();
    expect(retryDelay(status(503, 60_000), 'write', 1, options, half)).toBeNull();
  });

  it('never retries client errors or unreadable answers', () => {
    for (const code of [400, 401, 403, 404, 409, 422])
      expect(retryDelay(status(code), 'read', 1, options, half)).toBeNull();
    expect(retryDelay({ kind: 'bad_response' }, 'read', 1, options, half)).toBeNull();
  });

  it('makes exactly `attempts` tries', () => {
    expect(retryDelay(status(500), 'read', 2, options, half)).not.toBeNull();
    expect(retryDelay(status(500), 'read', 3, options, half)).toBeNull();
    expect(retryDelay(status(500), 'read', 1, { ...options, attempts: 1 }, half)).toBeNull();
  });
});
