// Small process helpers shared by scripts/dev.mjs, the e2e harness and the benchmarks.
import { createServer } from 'node:net';

/**
 * How to run pnpm the way the current command was started: under `npx pnpm@10 …` there is
 * no pnpm on PATH, but pnpm tells the scripts it runs where it lives (npm_execpath).
 * Spawn `command` with `[...prefix, ...args]`.
 */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath ?? '';
  return /pnpm\.c?js$/.test(execPath)
    ? { command: process.execPath, prefix: [execPath] }
    : { command: 'pnpm', prefix: [] };
}

/** A TCP port free on 127.0.0.1 right now (for a child process that needs a fixed port). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when nothing listens on `port` (tried on 127.0.0.1 and ::1, as localhost may be either). */
export async function portIsFree(port) {
  const tryListen = (host) =>
    new Promise((resolve) => {
      const server = createServer();
      server.once('error', (error) => resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
  return (await tryListen('127.0.0.1')) && (await tryListen('::1'));
}
