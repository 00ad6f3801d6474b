import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCloudEmulator } from '@kyc-review/cloud-emulator';
import type { Permission } from '@kyc-review/contracts';
import { freePort } from '../../scripts/process-tools.mjs';

// The production stack as Blnk Cloud meets it: the BFF bundle (apps/bff/dist, built by
// global-setup) as a real child process serving the built SPA, and the local Cloud
// emulator on loopback. Tests may kill -9 and restart the BFF over the same database.

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BFF_ENTRY = join(ROOT, 'apps', 'bff', 'dist', 'index.js');

async function waitForReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the BFF exited with ${String(child.exitCode)}:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the BFF was not ready within ${timeoutMs} ms:\n${output()}`);
}

export type BffProcess = {
  readonly url: string;
  readonly port: number;
  /** Every line the process wrote to stdout and stderr (the structured logs). */
  readonly lines: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
};

export type StackOptions = {
  readonly seed?: number;
  readonly identitiesPerInstance?: number;
  /** Host the app is reached on; `localhost` makes it cross-site to the emulator's 127.0.0.1. */
  readonly appHost?: string;
  /** Extra BFF environment (e.g. short TTLs). */
  readonly env?: Readonly<Record<string, string>>;
  readonly permissions?: readonly Permission[];
  /** Environment of the first BFF process only (later ones take theirs from startBff). */
  readonly firstBffEnv?: Readonly<Record<string, string>>;
};

export async function startStack(options: StackOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-e2e-'));
  const emulator = await createCloudEmulator({
    seed: options.seed ?? 7,
    identitiesPerInstance: options.identitiesPerInstance ?? 60,
  }).listen(0, '127.0.0.1');
  const port = await freePort();
  const appHost = options.appHost ?? 'localhost';
  const publicUrl = `http://${appHost}:${port}`;
  const callbackSecret = randomBytes(24).toString('base64url');
  const encryptionKey = randomBytes(32).toString('base64');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    DATABASE_PATH: join(dir, 'kyc.db'),
    APP_ENCRYPTION_KEY: encryptionKey,
    CLOUD_API_URL: emulator.url,
    CLOUD_CALLBACK_SECRET: callbackSecret,
    CLOUD_TIMEOUT_MS: '2000',
    FRAME_ANCESTORS: `'self' ${emulator.url} http://localhost:${new URL(emulator.url).port}`,
    DEMO_WATCHLIST_CSV: join(ROOT, 'packages', 'cloud-emulator', 'data', 'demo-watchlist.csv'),
    OUTBOX_INTERVAL_MS: '200',
    LOG_LEVEL: 'info',
    ...options.env,
  };

  const running = new Set<BffProcess>();
  /** `overrides`: environment for this process only (e.g. a paused outbox before a kill -9). */
  async function startBff(overrides: Readonly<Record<string, string>> = {}): Promise<BffProcess> {
    const lines: string[] = [];
    const child = spawn(process.execPath, [BFF_ENTRY], {
      cwd: ROOT,
      env: { ...env, ...overrides },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        lines.push(...parts.filter((l) => l.length > 0));
      });
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await waitForReady(`http://127.0.0.1:${port}/readyz`, child, () => lines.join('\n'));
    const bff: BffProcess = {
      url: publicUrl,
      port,
      lines,
      async kill(signal = 'SIGTERM') {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
        running.delete(bff);
      },
    };
    running.add(bff);
    return bff;
  }

  const bff = await startBff(options.firstBffEnv);
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(`${emulator.url}/_emulator${path}`, init);
    if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${res.status}`);
    return res.json();
  };
  const key = encodeURIComponent(callbackSecret);
  await control('PUT', '/manifest', {
    callback_url: `http://127.0.0.1:${port}/cloud/callback?key=${key}`,
    portal_generator_url: `http://127.0.0.1:${port}/cloud/portal?key=${key}`,
    permissions: options.permissions ?? ['data:read', 'data:write', 'alerts:read', 'alerts:write'],
  });

  return {
    emulatorUrl: emulator.url,
    /** The first BFF process; after a restart use the one startBff returned. */
    bff,
    startBff,
    control,
    /** Secrets a test can look for in logs and bodies (they must never appear). */
    secrets: { callbackSecret, encryptionKey },
    dir,
    async close() {
      for (const p of [...running]) await p.kill('SIGTERM');
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
