import type { MiddlewareHandler } from 'hono';
import type { Store } from '../state/store';
import type { ApiEnv } from './api-env';

const SECRET_PARAM = /^(key|token|secret|api_key|signature)$/i;

/** Records every Cloud API call (method, path, query without secrets, status, install) for tests. */
export function callLog(store: Store): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    for (const name of [...url.searchParams.keys()]) if (SECRET_PARAM.test(name)) url.searchParams.delete(name);
    const started = performance.now();
    const entry = {
      id: store.nextSeq(),
      at: store.clock().toISOString(),
      method: c.req.method,
      path: url.pathname,
      query: url.searchParams.toString(),
      status: 0,
      installed_app_id: null,
      ms: 0,
      fault: false,
    };
    store.logCall(entry);
    c.set('call', entry);
    try {
      await next();
      entry.status = c.res.status;
    } finally {
      entry.ms = Math.round(performance.now() - started);
    }
  };
}
