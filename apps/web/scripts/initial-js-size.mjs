// Prints the gzip size of the JS a first visit downloads before any lazy screen: the entry
// script in dist/index.html plus the chunks it preloads. Fails when over the budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INITIAL_JS_BUDGET_KB } from './initial-js-budget.mjs';

const BUDGET_BYTES = INITIAL_JS_BUDGET_KB * 1000;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const scripts = [
  ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
].map((m) => m[1]);
if (scripts.length === 0) {
  console.error('No module script in dist/index.html: run `pnpm --filter @kyc-review/web build` first.');
  process.exit(1);
}

let total = 0;
for (const src of scripts) {
  const size = gzipSync(readFileSync(join(dist, src))).length;
  total += size;
  console.log(`${(size / 1000).toFixed(2).padStart(8)} kB gzip  ${src}`);
}
console.log(`${(total / 1000).toFixed(2).padStart(8)} kB gzip  initial JS (budget ${BUDGET_BYTES / 1000} kB)`);
if (total > BUDGET_BYTES) {
  console.error('Over budget: lazy-load more (src/router.tsx).');
  process.exit(1);
}
