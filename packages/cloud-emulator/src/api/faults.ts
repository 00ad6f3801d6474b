import { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Fault, Store } from '../state/store';
import { cloudError, coreError, type ApiEnv } from './api-env';

// Injected failures on Cloud API calls (never on the control API or the dashboard), so
// clients can be tested against rate limits, outages, slow answers and dropped sockets.

/** The first fault that hits this call; counts down `remaining`. Ratios draw from a seeded PRNG. */
export function takeFault(store: Store): Fault | null {
  for (const fault of store.faults) {
    if (fault.ratio !== null && store.faultPrng.next() >= fault.ratio) continue;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) store.faults = store.faults.filter((f) => f !== fault);
    }
    return fault;
  }
  return null;
}

function destroySocket(env: unknown): boolean {
  if (typeof env !== 'object' || env === null || !('incoming' in env) || !(env.incoming instanceof IncomingMessage))
    return false;
  env.incoming.socket.destroy();
  return true;
}

const CORE_CODES: Readonly<Record<number, string>> = {
  423: 'GEN_RESOURCE_LOCKED',
  429: 'GEN_RATE_LIMITED',
  503: 'QUEUE_BACKPRESSURE',
};

function faultResponse(c: Context<ApiEnv>, fault: Fault, status: number): Response {
  const code: ContentfulStatusCode = status >= 400 && status <= 599 ? (status as ContentfulStatusCode) : 500;
  if (code === 429 || (code === 503 && fault.retry_after !== null))
    c.header('Retry-After', String(fault.retry_after ?? 1));
  const message = code === 429 ? 'rate limit exceeded' : `injected fault (${code})`;
  return c.req.path.startsWith('/proxy/')
    ? coreError(c, code, CORE_CODES[code] ?? 'GEN_INTERNAL_ERROR', message)
    : cloudError(c, code, message);
}

export function faultMiddleware(store: Store): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const fault = takeFault(store);
    if (fault === null) return next();
    c.var.call.fault = true;
    if (fault.latency_ms > 0) await new Promise((resolve) => setTimeout(resolve, fault.latency_ms));
    if (fault.reset) {
      // A connection reset: the client sees ECONNRESET / "socket hang up", no HTTP answer.
      if (destroySocket(c.env)) return c.body(null, 500);
      return cloudError(c, 500, 'connection reset (in-process requests cannot drop a socket)');
    }
    if (fault.status !== null) return faultResponse(c, fault, fault.status);
    return next();
  };
}
