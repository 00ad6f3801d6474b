import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCloudEmulator, DEMO_WATCHLIST_PATH } from '@kyc-review/cloud-emulator';
import { CaseQueueDto, Permission, type CaseSummaryDto } from '@kyc-review/contracts';
import { z } from 'zod';
import { createApp } from '../../../src/app';
import { createCloudClient } from '../../../src/cloud/cloud-client';
import { migrate } from '../../../src/db/migrate';
import { openDatabase } from '../../../src/db/open-database';
import { parseConfig } from '../../../src/env';
import { createLogger } from '../../../src/logging/logger';
import { createServices } from '../../../src/services/create-services';
import { FakeClock } from '../../support/fake-clock';
import type { PortalSession } from '../../support/lifecycle';
import { signInAs } from '../../support/reviewers';
import { startServer } from '../../support/server';
import { TEST_CALLBACK_SECRET, TEST_ENV } from '../../support/test-app';

// The BFF over a SQLite FILE, so a test can stop one process's app and start another
// over the same database: what a restart of the server does.

const InstallAnswer = z.object({ install: z.object({ installed_app_id: z.string(), instance_id: z.string() }) });
const LaunchAnswer = z.object({ portal_url: z.string() });

export async function startEmulator() {
  const emulator = await createCloudEmulator({ seed: 7, identitiesPerInstance: 40 }).listen(0, '127.0.0.1');
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${res.status}`);
    return res.json();
  };
  return { url: emulator.url, control, close: () => emulator.close() };
}

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export function buildFileApp(
  emulatorUrl: string,
  databasePath: string,
  now: string,
  env: Readonly<Record<string, string>> = {},
) {
  const config = parseConfig({
    ...TEST_ENV,
    CLOUD_API_URL: emulatorUrl,
    DATABASE_PATH: databasePath,
    DEMO_WATCHLIST_CSV: DEMO_WATCHLIST_PATH,
    ...env,
  });
  const clock = new FakeClock(now);
  const logger = createLogger({ level: 'error', sink: () => undefined, now: () => clock.now() });
  const db = openDatabase(databasePath);
  migrate(db);
  const cloud = createCloudClient({
    baseUrl: emulatorUrl,
    timeoutMs: 1_000,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
  });
  const services = createServices({ db, config, clock, logger, cloud });
  const app = createApp({ db, config, clock, logger, services });
  return { app, db, clock, config, services };
}

export type FileApp = ReturnType<typeof buildFileApp>;

/** Installs through the emulator (which calls this app over HTTP) and enters the portal. */
export async function installInto(
  emulator: Emulator,
  fileApp: FileApp,
): Promise<{ installedAppId: string; session: PortalSession; stop: () => Promise<void> }> {
  const server = await startServer(fileApp.app);
  const key = `?key=${encodeURIComponent(TEST_CALLBACK_SECRET)}`;
  await emulator.control('PUT', '/manifest', {
    callback_url: `${server.url}/cloud/callback${key}`,
    portal_generator_url: `${server.url}/cloud/portal${key}`,
    permissions: Permission.options,
  });
  const { install } = InstallAnswer.parse(
    await emulator.control('POST', '/installs', { permissions: Permission.options }),
  );
  const { portal_url } = LaunchAnswer.parse(
    await emulator.control('POST', `/installs/${install.installed_app_id}/launch`, { user_id: 'user_reviewer_1' }),
  );
  const url = new URL(portal_url);
  const enter = await fileApp.app.request(`${url.pathname}${url.search}`);
  const cookie = (enter.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  const dto = z
    .object({ csrf_token: z.string() })
    .parse(await (await fileApp.app.request('/api/session', { headers: { Cookie: cookie } })).json());
  await signInAs(fileApp, install.installed_app_id, cookie, 'user_reviewer_1');
  return {
    installedAppId: install.installed_app_id,
    session: { cookie, csrfToken: dto.csrf_token, origin: fileApp.config.publicOrigin },
    stop: server.close,
  };
}

/**
 * Starts the first sync, waits for it and for the alerts its screening raised on seeded approved
 * cases (monitoring), then picks a low-risk case nobody has reviewed: one a test can decide.
 */
export async function syncedLowRiskCase(
  fileApp: FileApp,
  installed: { installedAppId: string; session: PortalSession },
): Promise<CaseSummaryDto> {
  const headers = { Cookie: installed.session.cookie };
  const started = await fileApp.app.request('/api/cases', { headers });
  if (started.status !== 200) throw new Error(`the queue answered ${String(started.status)}`);
  await fileApp.services.review.sync.idle(installed.installedAppId);
  while ((await fileApp.services.review.outbox.runOnce()) > 0);
  const queue = await fileApp.app.request('/api/cases?risk_level=low&status=never_reviewed', { headers });
  const target = CaseQueueDto.parse(await queue.json()).items[0];
  if (target === undefined) throw new Error('no case to decide');
  return target;
}

/**
 * One emulator and one temporary SQLite file per test, and every app built over that file
 * (one per simulated process); all of it is closed and removed after each test.
 */
export function fileBackedTestbed() {
  let emulator: Emulator | undefined;
  const apps: FileApp[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) if (app.db.open) app.db.close();
    await emulator?.close();
    emulator = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async start(): Promise<{ emulator: Emulator; dbPath: string }> {
      emulator = await startEmulator();
      const dir = mkdtempSync(join(tmpdir(), 'kyc-file-app-'));
      dirs.push(dir);
      return { emulator, dbPath: join(dir, 'kyc.db') };
    },
    /** A BFF "process" over the file, with its clock at `now`. */
    app(emulatorUrl: string, dbPath: string, now: string): FileApp {
      const app = buildFileApp(emulatorUrl, dbPath, now);
      apps.push(app);
      return app;
    },
  };
}
