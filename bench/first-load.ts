/**
 * First load in Chromium: from clicking "Launch" in the emulator's dashboard to the first
 * queue row visible in the app's iframe, with the production BFF (its own process, the
 * built SPA served precompressed) and the emulator on loopback. Cold cache (a fresh browser
 * context per run) and warm (one context, assets cached as immutable), median of 10 each.
 * The app opens on its overview; a script in the page clicks "Queue" in the main navigation
 * as soon as the link is painted, so "first row" includes that step. The frame reports when
 * the link and the first row appear, on every animation frame (support/first-load-marks.ts):
 * Playwright's polling and the round trips of its own click are not the app's time. Also
 * reported: the JS a cold launch downloads until the first row (compressed bytes on the wire).
 *
 * Reviewers sign in inside the app (decision 017). The bench's admin is set up once and
 * signs in once more with "Remember this browser", the way a reviewer working daily would;
 * every measured context starts with that browser's cookies (and, cold, an empty cache), so
 * a launch signs them in without a password and the figure is the app's load, not typing.
 *
 * Baseline (same run): Launch to the iframe's index.html loaded (the portal redirect and the
 * HTML, before any script), so the ratio is the app's own share.
 *
 * Run: pnpm exec tsx bench/first-load.ts   (~1 min; builds the SPA into apps/web/dist; last
 * line: BENCH_JSON {...}). FIRST_LOAD_RUNS=<n> (default 10); FIRST_LOAD_TRACE=1 prints each
 * launch's requests (ms after the click, > asked, < done); FIRST_LOAD_STATIC_DIR=<dist> serves
 * that build instead of building, to compare two builds under the same load;
 * FIRST_LOAD_PROFILE=<file.json> records one more cold launch as a Chromium performance trace
 * there and prints where each renderer main thread's time went (support/trace-summary.ts).
 */
import { spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { installApp, launchApp, openDashboard } from '../e2e/support/dashboard';
import { knownAccount, takeRecoveryCode } from '../e2e/support/reviewer-accounts';
import { startStack } from '../e2e/support/stack';
import { pnpmCommand } from '../scripts/process-tools.mjs';
import { ensureBffBundle, ROOT } from './support/bff-process';
import { report } from './support/report';
import { firstLoadMarks, type FirstLoadMarks } from './support/first-load-marks';
import { summarizeTrace } from './support/trace-summary';
import { round } from './support/stats';

const RUNS = Number(process.env['FIRST_LOAD_RUNS'] ?? 10);
const TARGET_MS = 1_000;
const STEP_TIMEOUT_MS = 30_000;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function buildSpa() {
  const pnpm = pnpmCommand();
  const result = spawnSync(pnpm.command, [...pnpm.prefix, '--filter', '@kyc-review/web', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`the SPA build failed (exit ${String(result.status)})`);
}

type Launch = { html_ms: number; nav_ms: number; row_ms: number; js_bytes: number };

/**
 * One launch on an open dashboard page: Launch, index.html, the Queue link shown (then
 * clicked, as a reviewer would), the first row shown. The two "shown" times are the frame's
 * own (support/first-load-marks.ts), not Playwright's polls.
 */
async function launchOnce(page: Page, bffPort: number, marks: FirstLoadMarks): Promise<Launch> {
  let jsBytes = 0;
  const onResponse = (res: { url(): string; headers(): Record<string, string> }) => {
    const url = new URL(res.url());
    if (url.port === String(bffPort) && url.pathname.endsWith('.js'))
      jsBytes += Number(res.headers()['content-length'] ?? 0);
  };
  page.on('response', onResponse);
  marks.reset();
  const started = performance.now();
  const trace: string[] = [];
  const onRequest = (req: { url(): string }) =>
    trace.push(`${String(Math.round(performance.now() - started))} > ${req.url()}`);
  const onDone = (req: { url(): string }) =>
    trace.push(`${String(Math.round(performance.now() - started))} < ${req.url()}`);
  if (process.env['FIRST_LOAD_TRACE'] === '1') {
    page.on('request', onRequest);
    page.on('requestfinished', onDone);
  }
  // Listening before the click: the redirect and the HTML may be answered before it returns.
  const document = page.waitForResponse(
    (r) => new URL(r.url()).port === String(bffPort) && r.request().resourceType() === 'document' && r.status() === 200,
    { timeout: STEP_TIMEOUT_MS },
  );
  await page.getByRole('button', { name: /^Launch instapp_/ }).click();
  await document;
  const html = performance.now() - started;
  const nav = (await marks.waitFor('nav', STEP_TIMEOUT_MS)) - started;
  // The page clicked Queue once it was painted; the row is then the app's to show.
  const row = (await marks.waitFor('row', STEP_TIMEOUT_MS)) - started;
  page.off('response', onResponse);
  page.off('request', onRequest);
  page.off('requestfinished', onDone);
  if (trace.length > 0) console.log(`${trace.join('\n')}\nrow ${String(Math.round(row))}`);
  return { html_ms: html, nav_ms: nav, row_ms: row, js_bytes: jsBytes };
}

/** A context with the remembered sign-in (or none), its page on the emulator's dashboard, and the marks. */
async function openContext(browser: Browser, emulatorUrl: string, bffPort: number, storageState?: StorageState) {
  const context = await browser.newContext(storageState === undefined ? {} : { storageState });
  const marks = await firstLoadMarks(context, bffPort);
  const page = await context.newPage();
  await openDashboard(page, emulatorUrl);
  return { context, page, marks };
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const ADMIN = 'Bench Admin';

/** A sign-in with password and a recovery code that ticks "Remember this browser". */
async function signInRemembered(page: Page, installedAppId: string): Promise<void> {
  const account = knownAccount(installedAppId, ADMIN);
  if (account === undefined) throw new Error('the bench admin was not set up');
  const frame = await launchApp(page, { as: false });
  await frame.getByLabel('Email').fill(account.email);
  await frame.getByLabel('Password').fill(account.password);
  await frame.getByRole('button', { name: 'Sign in' }).click();
  await frame.getByRole('heading', { name: 'Enter your authenticator code', level: 1 }).waitFor();
  await frame.getByRole('textbox', { name: 'Code' }).fill(takeRecoveryCode(account));
  await frame.getByLabel('Remember this browser for 30 days').check();
  await frame.getByRole('button', { name: 'Continue' }).click();
  await frame.getByRole('navigation').first().waitFor();
}

async function main() {
  ensureBffBundle();
  // FIRST_LOAD_STATIC_DIR=<a built dist/>: serve that build instead (to compare two builds under the same load).
  const staticDir = process.env['FIRST_LOAD_STATIC_DIR'];
  if (staticDir === undefined) buildSpa();
  const stack = await startStack({
    identitiesPerInstance: 200,
    appHost: '127.0.0.1',
    ...(staticDir === undefined ? {} : { env: { STATIC_DIR: staticDir } }),
  });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const bffPort = stack.bff.port;
    // Install once, set up the admin, sign in remembered, and sync the mirror with one
    // launch that is not measured.
    const setup = await openContext(browser, stack.emulatorUrl, bffPort);
    const installedAppId = await installApp(setup.page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    await launchApp(setup.page, { as: ADMIN });
    await openDashboard(setup.page, stack.emulatorUrl);
    await signInRemembered(setup.page, installedAppId);
    await openDashboard(setup.page, stack.emulatorUrl);
    await launchOnce(setup.page, bffPort, setup.marks);
    const remembered = await setup.context.storageState();
    await setup.context.close();

    const cold: Launch[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const run = await openContext(browser, stack.emulatorUrl, bffPort, remembered);
      cold.push(await launchOnce(run.page, bffPort, run.marks));
      await run.context.close();
    }
    const profile = process.env['FIRST_LOAD_PROFILE'];
    if (profile !== undefined) {
      const run = await openContext(browser, stack.emulatorUrl, bffPort, remembered);
      await browser.startTracing(run.page, {
        path: profile,
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8',
          'blink',
          'toplevel',
          // The sampling profiler: which script functions the JavaScript time went to.
          'disabled-by-default-v8.cpu_profiler',
        ],
      });
      const traced = await launchOnce(run.page, bffPort, run.marks);
      await browser.stopTracing();
      await run.context.close();
      console.log(`profiled cold launch: first row ${String(Math.round(traced.row_ms))} ms; trace in ${profile}`);
      for (const line of summarizeTrace(profile)) console.log(line);
    }
    const warm: Launch[] = [];
    const run = await openContext(browser, stack.emulatorUrl, bffPort, remembered);
    await launchOnce(run.page, bffPort, run.marks); // fills the cache
    for (let i = 0; i < RUNS; i += 1) {
      await openDashboard(run.page, stack.emulatorUrl);
      warm.push(await launchOnce(run.page, bffPort, run.marks));
    }
    await run.context.close();

    const figure = (runs: readonly Launch[]) => ({
      row_ms: round(median(runs.map((r) => r.row_ms)), 0),
      html_ms: round(median(runs.map((r) => r.html_ms)), 0),
      nav_ms: round(median(runs.map((r) => r.nav_ms)), 0),
      js_kb: round(median(runs.map((r) => r.js_bytes)) / 1000, 1),
    });
    const c = figure(cold);
    const w = figure(warm);
    console.log(
      `cold: first row ${String(c.row_ms)} ms (index.html ${String(c.html_ms)} ms, Queue link ${String(c.nav_ms)} ms), JS ${String(c.js_kb)} kB on the wire`,
    );
    console.log(
      `warm: first row ${String(w.row_ms)} ms (index.html ${String(w.html_ms)} ms, Queue link ${String(w.nav_ms)} ms), JS ${String(w.js_kb)} kB on the wire`,
    );
    const launch = (cache: string, f: typeof c) => ({
      name: `Launch → first queue row, ${cache} cache (median of ${String(RUNS)}, Chromium)`,
      value: f.row_ms,
      unit: 'ms',
      goal: { atMost: TARGET_MS },
      baseline: { name: 'Launch → index.html', value: f.html_ms },
    });
    report(
      'first-load',
      [
        launch('cold', c),
        launch('warm', w),
        {
          name: 'JS on the wire until the first queue row, cold (brotli)',
          value: c.js_kb,
          unit: 'kB',
          baseline: { name: 'warm', value: w.js_kb },
        },
      ],
      { runs: RUNS },
    );
  } finally {
    await browser?.close();
    await stack.close();
  }
}

await main();
