// `pnpm dev`: the local Blnk Cloud emulator, the BFF and the Vite dev server together,
// wired as Cloud would be (docs/decisions/005-cloud-emulator.md). Prints the one URL to
// open: the emulator's dashboard, where Install and Launch show the app in its iframe.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, pnpmCommand, portIsFree } from './process-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.data');
const READY_TIMEOUT_MS = 90_000;

/**
 * A port from its variable, or the default. A port set explicitly and taken is an error
 * that names the variable; a default that is taken is replaced by a free port, said aloud.
 */
async function choosePort(variable, fallback, what) {
  const raw = process.env[variable];
  if (raw !== undefined && raw !== '') {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`${variable}=${raw} is not a port (1–65535)`);
    if (!(await portIsFree(port)))
      throw new Error(
        `${variable}=${port} (${what}) is already in use: stop what uses it, or set ${variable} to a free port`,
      );
    return port;
  }
  if (await portIsFree(fallback)) return fallback;
  const port = await freePort();
  process.stdout.write(
    `[dev] port ${fallback} (${what}) is in use; using ${port} instead (set ${variable} to choose)\n`,
  );
  return port;
}

mkdirSync(join(dataDir, 'emulator'), { recursive: true });
mkdirSync(join(dataDir, 'bff'), { recursive: true });

/** The callback key, generated once so the registered manifest URLs stay valid across restarts. */
function callbackSecret() {
  const file = join(dataDir, 'dev-callback-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
const secret = callbackSecret();

const pnpm = pnpmCommand();

const children = [];
let stopping = false;

function prefixLines(stream, label, out) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    // Once stopping, children's complaints about being stopped are noise.
    if (stopping) return;
    for (const line of lines) out.write(`[${label}] ${line}\n`);
  });
  stream.on('end', () => {
    if (buffer !== '' && !stopping) out.write(`[${label}] ${buffer}\n`);
  });
}

function start(label, args, env) {
  // Its own process group, so stopping reaches pnpm's children (tsx watch, vite) too.
  const child = spawn(pnpm.command, [...pnpm.prefix, ...args], {
    cwd: root,
    env: { ...process.env, ...env, FORCE_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  prefixLines(child.stdout, label, process.stdout);
  prefixLines(child.stderr, label, process.stderr);
  child.on('exit', (code, signal) => {
    child.exited = true;
    if (!stopping) {
      process.stderr.write(`[dev] ${label} stopped (${signal ?? `exit code ${code}`}); stopping the others\n`);
      stop(1);
    }
  });
  child.label = label;
  children.push(child);
  return child;
}

/** True while any process of the child's group is alive (a direct child may exit before its own children). */
function groupAlive(child) {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child, signal) {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) signalGroup(child, 'SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children) signalGroup(child, 'SIGKILL');
    process.exit(code);
  }, 5000);
  deadline.unref();
  const check = setInterval(() => {
    if (children.every((c) => !groupAlive(c))) {
      clearInterval(check);
      process.exit(code);
    }
  }, 100);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(label, url, child) {
  const started = Date.now();
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (child.exited) throw new Error(`${label} exited before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${label} was not ready at ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

try {
  const emulatorPort = await choosePort('EMULATOR_PORT', 4000, 'the local Blnk Cloud');
  const bffPort = await choosePort('PORT', 8787, 'the BFF');
  const webPort = await choosePort('WEB_PORT', 5173, 'the Vite dev server');
  const EMULATOR = `http://127.0.0.1:${emulatorPort}`;
  const BFF = `http://127.0.0.1:${bffPort}`;
  const WEB = `http://localhost:${webPort}`;
  const FRAME_ANCESTORS = `'self' http://127.0.0.1:${emulatorPort} http://localhost:${emulatorPort}`;

  const emulator = start('emulator', ['--filter', '@kyc-review/cloud-emulator', 'start'], {
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_HOST: '127.0.0.1',
    EMULATOR_DATA_DIR: join(dataDir, 'emulator'),
  });
  await waitFor('emulator', `${EMULATOR}/_emulator/instances`, emulator);

  const bff = start('bff', ['--filter', '@kyc-review/bff', 'dev'], {
    PORT: String(bffPort),
    PUBLIC_URL: WEB,
    DATABASE_PATH: join(dataDir, 'bff', 'kyc.db'),
    CLOUD_API_URL: EMULATOR,
    CLOUD_CALLBACK_SECRET: secret,
    FRAME_ANCESTORS,
    // The fictional demo watchlist, imported into each new install (decision 011).
    DEMO_WATCHLIST_CSV: join(root, 'packages', 'cloud-emulator', 'data', 'demo-watchlist.csv'),
  });
  await waitFor('bff', `${BFF}/healthz`, bff);

  const web = start('web', ['--filter', '@kyc-review/web', 'dev'], {
    FRAME_ANCESTORS,
    BFF_URL: BFF,
    WEB_PORT: String(webPort),
  });
  await waitFor('web', `${WEB}/`, web);

  // Register the app as a developer would in Cloud: callbacks to the BFF, with the key.
  const key = encodeURIComponent(secret);
  const manifest = await fetch(`${EMULATOR}/_emulator/manifest`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      callback_url: `http://localhost:${bffPort}/cloud/callback?key=${key}`,
      portal_generator_url: `http://localhost:${bffPort}/cloud/portal?key=${key}`,
      permissions: ['data:read', 'data:write', 'alerts:read', 'alerts:write'],
    }),
  });
  if (!manifest.ok) throw new Error(`registering the manifest failed: HTTP ${manifest.status}`);

  process.stdout.write(
    `\n  KYC Review is running. Open http://localhost:${emulatorPort} (the local Blnk Cloud dashboard), then Install and Launch.\n\n`,
  );
} catch (e) {
  process.stderr.write(`[dev] ${e instanceof Error ? e.message : String(e)}\n`);
  stop(1);
}
