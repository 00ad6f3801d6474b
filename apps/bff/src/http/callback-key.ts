import { createMiddleware } from 'hono/factory';
import { safeEqual } from '../crypto/tokens';
import { CallbackKeyError } from '../errors';
import type { AppEnv } from './app-env';

/**
 * Cloud signs nothing (docs/cloud-contract.md §3), so the manifest URLs carry `?key=<secret>` and we
 * compare it in constant time (§8). With no secret configured every call passes.
 */
export function requireCallbackKey(secret: string | null) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (secret !== null && !safeEqual(c.req.query('key') ?? '', secret)) throw new CallbackKeyError();
    await next();
  });
}
