import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startStack, type Stack, type StackOptions } from './stack';

export type BrowserSuite = { readonly stack: Stack; readonly browser: Browser };

/**
 * One stack and one Chromium for a test file. Chromium starts first, so a missing browser
 * fails the file before any process is spawned; teardown closes whatever did start.
 */
export function browserSuite(options: StackOptions = {}): BrowserSuite {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    stack = await startStack(options);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  return {
    get stack() {
      if (stack === undefined) throw new Error('the stack has not started (see the beforeAll error)');
      return stack;
    },
    get browser() {
      if (browser === undefined) throw new Error('Chromium has not started (see the beforeAll error)');
      return browser;
    },
  };
}
