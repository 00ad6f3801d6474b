// `pnpm dev:reset`: forget all local state (emulator data, BFF database, callback key).
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.data');
if (existsSync(dataDir)) {
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`Removed ${dataDir}. The next pnpm dev starts from fresh seed data.\n`);
} else {
  process.stdout.write('Nothing to reset: .data does not exist.\n');
}
