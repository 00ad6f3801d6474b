import type { MiddlewareHandler } from 'hono';
import { limitBody } from './json-body';

/**
 * The /api body limit: 64 KiB everywhere except the streamed upload paths named here,
 * which count bytes as they read (watchlist-upload.ts) instead of buffering the body.
 */
export function limitApiBody(streamedPaths: readonly string[]): MiddlewareHandler {
  const json = limitBody();
  return (c, next) => (streamedPaths.includes(c.req.path) ? next() : json(c, next));
}
