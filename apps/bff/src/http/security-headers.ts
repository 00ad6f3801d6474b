import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env';

/**
 * The SPA's policy: everything from our own origin; inline styles only because Radix and
 * React set style attributes. frame-ancestors must be a header, a <meta> is ignored
 * (docs/cloud-contract.md §5).
 */
export function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

const NO_STORE_PREFIXES = ['/api/', '/cloud/', '/portal/'];

export function securityHeaders(frameAncestors: string) {
  const csp = contentSecurityPolicy(frameAncestors);
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.res.headers.get('Content-Type')?.startsWith('text/html')) {
      c.header('Content-Security-Policy', csp);
    }
    const path = c.req.path;
    if (path === '/api' || NO_STORE_PREFIXES.some((p) => path.startsWith(p))) {
      c.header('Cache-Control', 'no-store');
    }
  });
}
