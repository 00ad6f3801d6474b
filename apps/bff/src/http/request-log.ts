import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Logger } from '../logging/logger';
import type { AppEnv } from './app-env';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * A request id on every response, and one structured log line per request. Only the
 * path is logged: /cloud/* carries the callback key and /portal/enter the launch token
 * in the query string (docs/cloud-contract.md §8).
 */
export function requestLog(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Our own id, never the caller's: a client-chosen id could forge log correlation.
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.header(REQUEST_ID_HEADER, requestId);
    const session = c.get('session') as AppEnv['Variables']['session'] | undefined;
    const install =
      c.get('logInstall') ??
      (session ? { installedAppId: session.installedAppId, apiKeyPrefix: session.apiKeyPrefix } : undefined);
    logger.info('request', {
      request_id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      ...(install ? { install_id: install.installedAppId, key_prefix: install.apiKeyPrefix } : {}),
    });
  });
}
