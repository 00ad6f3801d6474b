/**
 * Initial JS: the gzip size of the JavaScript a first visit downloads before any lazy
 * screen (the entry script in index.html and the chunks it preloads), against the
 * budget of apps/web/scripts/initial-js-budget.mjs (110 kB); the baseline is all the JS the build emits (every lazy screen too), so
 * the ratio says how much of the app the first visit pays for.
 *
 * Run: pnpm exec tsx bench/initial-js.ts   (builds the SPA into a temp directory with
 * the project's vite config, so apps/web/dist is left alone; last line: BENCH_JSON {...})
 * Same counting as `pnpm --filter @kyc-review/web size` (kB = 1000 bytes).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './support/bff-process';
import { report } from './support/report';
import { round } from './support/stats';
import { pnpmCommand } from '../scripts/process-tools.mjs';
import { INITIAL_JS_BUDGET_KB } from '../apps/web/scripts/initial-js-budget.mjs';

const BUDGET_KB = INITIAL_JS_BUDGET_KB;
const BUILD_TIMEOUT_MS = 5 * 60_000;

const gzipKb = (path: string) => gzipSync(readFileSync(path)).length / 1000;

function main() {
  const out = mkdtempSync(join(tmpdir(), 'kyc-bench-web-'));
  const pnpm = pnpmCommand();
  try {
    const build = spawnSync(
      pnpm.command,
      [
        ...pnpm.prefix,
        '--filter',
        '@kyc-review/web',
        'exec',
        'vite',
        'build',
        '--outDir',
        out,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: BUILD_TIMEOUT_MS,
      },
    );
    if (build.status !== 0) throw new Error(`the SPA build failed (exit ${String(build.status)})`);

    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const initial = [
      ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
      ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ]
      .map((m) => m[1])
      .filter((src): src is string => src !== undefined);
    if (initial.length === 0) throw new Error('the built index.html loads no module script');
    const initialKb = initial.reduce((sum, src) => sum + gzipKb(join(out, src)), 0);
    const allJs = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
    const allKb = allJs.reduce((sum, file) => sum + gzipKb(join(out, 'assets', file)), 0);
    console.log(
      `initial JS: ${String(initial.length)} files; all JS: ${String(allJs.length)} files, ${allKb.toFixed(2)} kB gzip; the first visit loads ${String(round((100 * initialKb) / allKb, 0))}% of it`,
    );
    report(
      'initial-js',
      [
        {
          name: 'SPA initial JS (gzip)',
          value: round(initialKb, 1),
          unit: 'kB',
          goal: { atMost: BUDGET_KB },
          baseline: { name: 'all JS', value: round(allKb, 1) },
        },
      ],
      { initial_files: initial.length, all_js_files: allJs.length },
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main();
