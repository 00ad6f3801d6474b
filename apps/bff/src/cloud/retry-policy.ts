// When a failed Cloud call is tried again (docs/decisions/008-cloud-client-retries.md).

export interface RetryOptions {
  /** Total tries per call, the first included; 1 disables retries. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  /** Ceiling of a backoff delay, and the longest `Retry-After` we are willing to wait. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

/** Why one try failed; a readable reply is never a failure here. */
export type AttemptFailure =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfterMs: number | null;
      readonly cloudCode?: string;
    }
  | { readonly kind: 'network' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'bad_response' };

/**
 * The longest `Retry-After` honoured. A confused Cloud once answered a value that parked a
 * decision's write-back until 2058; past this cap we come back after the cap instead.
 */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3), capped at
 * MAX_RETRY_AFTER_MS; null when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d{1,12}$/.test(value)) return Math.min(Number(value) * 1_000, MAX_RETRY_AFTER_MS);
  if (!/[A-Za-z]/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/** Full jitter: many callers that failed together do not come back together. */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The delay before the next try, or null to give up. `attempt` is the try that just
 * failed (1-based).
 * - 429/503 with a `Retry-After` we can afford: Cloud did not process the request, so
 *   even a write is tried once more, after the delay Cloud asked for.
 * - Reads (GET, POST …/filter) also retry 5xx, 429 without a hint, network errors and
 *   timeouts, with jittered exponential backoff.
 * - Writes never retry a timeout, a reset or a 5xx: the outcome is unknown and a second
 *   flag would raise a second alert.
 */
export function retryDelay(
  failure: AttemptFailure,
  effect: 'read' | 'write',
  attempt: number,
  options: RetryOptions,
  random: () => number,
): number | null {
  if (attempt >= options.attempts) return null;
  if (failure.kind === 'bad_response') return null;
  if (failure.kind === 'status') {
    const throttled = failure.status === 429 || failure.status === 503;
    if (throttled && failure.retryAfterMs !== null) {
      if (failure.retryAfterMs > options.maxDelayMs) return null;
      if (effect === 'write' && attempt > 1) return null;
      return failure.retryAfterMs;
    }
    if (effect === 'write') return null;
    return failure.status >= 500 || failure.status === 429 ? backoffDelay(attempt, options, random) : null;
  }
  return effect === 'read' ? backoffDelay(attempt, options, random) : null;
}
