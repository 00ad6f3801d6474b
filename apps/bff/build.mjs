// Bundles the BFF into dist/index.js for `node apps/bff/dist/index.js` (production start),
// and its watchlist worker thread into dist/watchlist-worker.js.
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
// The watchlist worker thread runs its own bundle beside the BFF's (worker-host.ts starts it).
const entryPoints = {
  index: join(here, 'src/index.ts'),
  'watchlist-worker': join(here, 'src/services/watchlist-worker/worker.ts'),
};
await build({
  entryPoints,
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Native addon: loaded from node_modules at run time.
  external: ['better-sqlite3'],
  // Bundled CommonJS dependencies call require(); ESM output has none without this.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'info',
});
// migrate.ts finds migrations next to the running module: copy them beside dist/index.js.
cpSync(join(here, 'src/db/migrations'), join(dist, 'migrations'), { recursive: true });
cpSync(join(here, 'src/db/migrations-pg'), join(dist, 'migrations-pg'), { recursive: true });
