import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './stack';

// Headless Chromium as a person's browser: the Debian build the CI installs, a fresh
// profile per test, and a screenshot after every step, kept as a test artifact.

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS_DIR = join(ROOT, 'e2e', 'artifacts');

/** Where Chromium is; a missing browser fails the run with the fix, it never skips it. */
export function chromiumPath(): string {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. The browser tests need it: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable.`,
    );
  }
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
}

export type Shots = {
  /** Saves `<artifacts>/<test>/<NN>-<step>.png` of the whole page, iframe included. */
  (step: string): Promise<void>;
  readonly dir: string;
};

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function screenshots(page: Page, test: string): Shots {
  const dir = join(ARTIFACTS_DIR, slug(test));
  // Last run's pictures would mix with this run's under the same numbers.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const shot = async (step: string): Promise<void> => {
    count += 1;
    await page.screenshot({ path: join(dir, `${String(count).padStart(2, '0')}-${slug(step)}.png`), fullPage: true });
  };
  return Object.assign(shot, { dir });
}

export type BrowserSession = {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly shot: Shots;
};

/** A fresh context (its own cookie jar: no state leaks between tests) with one page. */
export async function openSession(browser: Browser, test: string): Promise<BrowserSession> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1400 } });
  const page = await context.newPage();
  return { context, page, shot: screenshots(page, test) };
}
