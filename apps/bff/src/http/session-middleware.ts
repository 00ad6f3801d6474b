import { CSRF_HEADER } from '@kyc-review/contracts';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { safeEqual } from '../crypto/tokens';
import { CsrfError } from '../errors';
import type { SessionService } from '../services/session-service';
import type { AppEnv } from './app-env';

export const SESSION_COOKIE = '__Host-kyc_session';
export { CSRF_HEADER };
/** "Remember this browser": an opaque device token, 30 days (decision 017). */
export const DEVICE_COOKIE = '__Host-kyc_device';

/** A cookie of ours inside the Cloud iframe is third-party: Secure, SameSite=None, Partitioned (docs/cloud-contract.md §5). */
export const frameCookie = (maxAgeSeconds: number) =>
  ({
    httpOnly: true,
    secure: true,
    sameSite: 'None',
    partitioned: true,
    path: '/',
    maxAge: maxAgeSeconds,
  }) as const;

/** Resolves the cookie to `c.var.session` (sliding the idle expiry) or answers 401. */
export function requireSession(sessions: SessionService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('session', await sessions.resolve(getCookie(c, SESSION_COOKIE)));
    await next();
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing calls need the session's CSRF token in a header (a cross-site form or
 * fetch cannot read it) and a same-origin Origin. SameSite=None leaves this to us.
 */
export function requireCsrf(publicOrigin: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const token = c.req.header(CSRF_HEADER) ?? '';
      const origin = c.req.header('Origin') ?? '';
      if (!safeEqual(token, c.var.session.csrfToken) || origin !== publicOrigin) throw new CsrfError();
    }
    await next();
  });
}
