import { Hono } from 'hono';
import { appliedVersion } from '../db/migrate';
import type { Db } from '../db/open-database';
import type { AppEnv } from '../http/app-env';
import { describeError, type Logger } from '../logging/logger';

/** `/healthz`: the process answers. `/readyz`: the database answers and is fully migrated. */
export function healthRoutes(db: Db, expectedMigration: number, logger: Logger) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' as const }, 200))
    .get('/readyz', (c) => {
      try {
        const version = appliedVersion(db);
        if (version >= expectedMigration) return c.json({ status: 'ready' as const }, 200);
        return c.json({ status: 'not_ready' as const, reason: 'migrations pending' }, 503);
      } catch (err) {
        logger.warn('readiness check failed', describeError(err));
        return c.json({ status: 'not_ready' as const, reason: 'database unavailable' }, 503);
      }
    });
}
