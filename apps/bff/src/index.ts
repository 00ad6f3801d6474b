import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { systemClock } from './clock';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open-database';
import { startWalCheckpointer } from './db/wal-checkpointer';
import { withDevEncryptionKey } from './dev-encryption-key';
import { ConfigError, configWarnings, parseConfig, processEnv, type Config } from './env';
import { createLogger, describeError } from './logging/logger';
import { startEventLoopReport } from './logging/event-loop-report';
import { manifestUrls } from './manifest-urls';
import { createServices } from './services/create-services';

// The entry: the only module with side effects (env, database, network, timers, signals).

const PURGE_INTERVAL_MS = 60_000;
const RETENTION_INTERVAL_MS = 86_400_000;

function start() {
  const devKey = withDevEncryptionKey(processEnv());
  let config: Config;
  try {
    config = parseConfig(devKey.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting and its default.\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  if (devKey.warning !== null) logger.warn(devKey.warning);
  for (const warning of configWarnings(config)) logger.warn(warning);

  const db = openDatabase(config.databasePath);
  const applied = migrate(db);
  logger.info('database ready', { path: config.databasePath, migrations_applied: applied.length });
  // WAL checkpoints run in a worker thread, not in whichever commit crosses the threshold (decision 019).
  const stopCheckpointer =
    config.databasePath === ':memory:'
      ? () => Promise.resolve()
      : startWalCheckpointer(db, config.databasePath, logger);

  if (!existsSync(join(config.staticDir, 'index.html'))) {
    logger.warn('no built SPA found: run `pnpm build` (the API still works)', { static_dir: config.staticDir });
  }

  const services = createServices({ db, config, clock: systemClock, logger });
  const app = createApp({ db, config, clock: systemClock, logger, services });
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    logger.info('listening', { port: info.port, public_url: config.publicUrl, static_dir: config.staticDir });
    const urls = manifestUrls(config);
    logger.info('register these URLs in the Blnk Cloud app manifest', {
      registration_callback_url: urls.callback,
      portal_generator_url: urls.portal,
    });
    if (config.callbackSecret === null)
      logger.warn('CLOUD_CALLBACK_SECRET is not set: anyone who knows an install id can call /cloud/*');
  });
  server.on('error', (err) => {
    logger.error('server failed to start', describeError(err));
    process.exit(1);
  });

  const purge = setInterval(() => {
    void (async () => {
      try {
        const purged = await services.sessions.purgeExpired();
        if (purged.launchTokens + purged.sessions > 0)
          logger.debug('purged expired', { launch_tokens: purged.launchTokens, sessions: purged.sessions });
        // Identity mirrors of installs uninstalled longer ago than UNINSTALL_PURGE_DAYS (decision 016).
        await services.mirrorPurge.run();
      } catch (err) {
        logger.error('purge failed', describeError(err));
      }
    })();
  }, PURGE_INTERVAL_MS);
  purge.unref();
  // Cases, decisions, notes and audit of installs uninstalled longer ago than RETENTION_YEARS:
  // once at start-up, then daily (decision 016).
  const runRetention = () => {
    services.retention.run().catch((err: unknown) => logger.error('retention deletion failed', describeError(err)));
  };
  const retention = setInterval(runRetention, RETENTION_INTERVAL_MS);
  retention.unref();
  setImmediate(runRetention);
  // A monitoring run (re-assessment after an import or a settings save) cut off by a crash
  // starts again for its install (docs/decisions/020).
  const resumed = services.review.resumeInterruptedReassessments();
  if (resumed.length > 0) logger.info('resuming interrupted re-assessments', { installs: resumed.length });

  // Decisions are written back to Cloud by the outbox worker (docs/decisions/012).
  services.review.outbox.start(config.outboxIntervalMs);
  // How long requests could wait behind background work, when asked for (docs/decisions/019).
  const stopEventLoopReport =
    config.eventLoopReportMs > 0 ? startEventLoopReport(logger, config.eventLoopReportMs) : () => undefined;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    clearInterval(purge);
    clearInterval(retention);
    stopEventLoopReport();
    const outboxStopped = services.review.outbox.stop();
    server.close(() => {
      // The step in flight is recorded before the database closes; the rest stay due in SQLite.
      void Promise.allSettled([outboxStopped, stopCheckpointer()]).finally(() => {
        db.close();
        process.exit(0);
      });
    });
    // In-flight requests get a few seconds; then stop regardless.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

try {
  start();
} catch (err) {
  process.stderr.write(`KYC Review failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
