import { createApp, type AppType } from '../../src/app';
import type { CloudClient } from '../../src/cloud/cloud-client';
import { migrate } from '../../src/db/migrate';
import { openDatabase, type Db } from '../../src/db/open-database';
import { parseConfig, type Config } from '../../src/env';
import { createLogger } from '../../src/logging/logger';
import { createServices, type Services } from '../../src/services/create-services';
import { FakeClock } from './fake-clock';

// Fixed, obviously-fake secrets so tests can also assert they never leak.
export const TEST_PUBLIC_URL = 'https://kyc.test';
export const TEST_CALLBACK_SECRET = 'test-callback-secret-0123456789';
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export const TEST_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  PUBLIC_URL: TEST_PUBLIC_URL,
  DATABASE_PATH: ':memory:',
  APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
  CLOUD_CALLBACK_SECRET: TEST_CALLBACK_SECRET,
  CLOUD_API_URL: 'http://127.0.0.1:1',
  LOG_LEVEL: 'debug',
  STATIC_DIR: '/nonexistent-kyc-static',
};

export type TestAppOverrides = {
  /** Environment on top of TEST_ENV; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: Date | string;
  /** A Cloud client with test timings; by default one is built from the config. */
  readonly cloud?: CloudClient;
};

export type TestApp = {
  readonly app: AppType;
  readonly db: Db;
  readonly clock: FakeClock;
  /** Every log line written, as raw JSON text. */
  readonly logs: string[];
  readonly config: Config;
  readonly services: Services;
  /** `?key=…` for /cloud/* (empty when no callback secret is configured). */
  readonly cloudQuery: string;
  close(): void;
};

/** The real app over a migrated `:memory:` database, a fake clock and captured logs. */
export function createTestApp(overrides: TestAppOverrides = {}): TestApp {
  const config = parseConfig({ ...TEST_ENV, ...overrides.env });
  const clock = new FakeClock(overrides.now);
  const logs: string[] = [];
  const logger = createLogger({ level: config.logLevel, sink: (line) => logs.push(line), now: () => clock.now() });
  const db = openDatabase(':memory:');
  migrate(db);
  const services = createServices({
    db,
    config,
    clock,
    logger,
    ...(overrides.cloud === undefined ? {} : { cloud: overrides.cloud }),
  });
  const app = createApp({ db, config, clock, logger, services });
  const cloudQuery = config.callbackSecret === null ? '' : `?key=${encodeURIComponent(config.callbackSecret)}`;
  return { app, db, clock, logs, config, services, cloudQuery, close: () => db.close() };
}
