import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpmCommand } from '../../scripts/process-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The whole-path tests run the production build (the BFF bundle serving the built SPA),
 * so build both once per run. Uses the pnpm that started the run when there is one.
 */
export default function setup(): void {
  const { command, prefix } = pnpmCommand();
  const result = spawnSync(
    command,
    [...prefix, '--filter', '@kyc-review/web', '--filter', '@kyc-review/bff', 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0)
    throw new Error(`the production build failed (exit ${String(result.status)}); the e2e tests need it`);
}
