import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/app-env';

// Server paths: never answered with the SPA, so a missing API route is a JSON 404.
const SERVER_PREFIXES = ['/api', '/cloud', '/portal', '/healthz', '/readyz'];
const isServerPath = (path: string) => SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * The built SPA from STATIC_DIR: files as they are, and index.html for client routes
 * (paths without a file extension) so a reload on /cases/x works.
 */
export function staticRoutes(staticDir: string) {
  // Without a built SPA (tests, API-only runs) only the JSON 404 remains; index.ts warns.
  // `precompressed`: the build writes .br and .gz copies (apps/web/scripts/precompress.mjs);
  // the one the browser accepts is sent with Content-Encoding and Vary: Accept-Encoding.
  const serve = existsSync(staticDir) ? serveStatic<AppEnv>({ root: staticDir, precompressed: true }) : null;
  const files = createMiddleware<AppEnv>(async (c, next) => {
    if (serve === null) return next();
    const res = await serve(c, next);
    // Hashed build assets never change; everything else is revalidated so a deploy shows.
    if (res instanceof Response && res.status === 200) {
      res.headers.set(
        'Cache-Control',
        c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    }
    return res;
  });
  const spaOnly = createMiddleware<AppEnv>((c, next) =>
    isServerPath(c.req.path) ? Promise.resolve(c.notFound()) : next(),
  );

  return new Hono<AppEnv>().get('*', spaOnly, files, async (c) => {
    if (extname(c.req.path) !== '') return c.notFound();
    try {
      const index = await readFile(join(staticDir, 'index.html'), 'utf8');
      c.header('Cache-Control', 'no-cache');
      return c.html(index, 200);
    } catch {
      return c.notFound();
    }
  });
}
