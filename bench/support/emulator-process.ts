import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './bff-process';

const START_TIMEOUT_MS = 60_000;
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

export type EmulatorProcess = {
  readonly url: string;
  /** The process id (to read its CPU time). */
  readonly pid: number;
  stop(): Promise<void>;
};

/**
 * The emulator in its own process (`packages/cloud-emulator/src/main.ts` under tsx) on a
 * random loopback port, so Cloud's side of a request does not run on the load
 * generator's event loop. Resolves once it prints the URL it listens on.
 */
export function startEmulatorProcess(options: {
  readonly seed: number;
  readonly identities: number;
  /** The first instance's identities built on demand instead (EMULATOR_GENERATED_IDENTITIES). */
  readonly generated?: number;
}): Promise<EmulatorProcess> {
  const env = {
    PATH: process.env.PATH ?? '',
    EMULATOR_PORT: '0',
    EMULATOR_HOST: '127.0.0.1',
    EMULATOR_SEED: String(options.seed),
    EMULATOR_IDENTITIES: String(options.identities),
    ...(options.generated === undefined ? {} : { EMULATOR_GENERATED_IDENTITIES: String(options.generated) }),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', join('packages', 'cloud-emulator', 'src', 'main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop().then(() =>
        reject(new Error(`the emulator did not start within ${String(START_TIMEOUT_MS)} ms:\n${output}`)),
      );
    }, START_TIMEOUT_MS);
    const read = (chunk: string) => {
      output += chunk;
      const url = LISTENING.exec(output)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ url, pid: child.pid ?? 0, stop });
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${String(code)}:\n${output}`));
    });
  });
}
