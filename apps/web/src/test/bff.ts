import { createTestApp, enterPortal, installApp, type InstallOptions, type TestApp } from '@kyc-review/bff/test-support';
import { onTestFinished } from 'vitest';

export type BffFetch = typeof globalThis.fetch & {
  /** Every URL the SPA asked for, in order (to prove there is no retry or redirect loop). */
  readonly calls: string[];
};

/**
 * The real BFF, in-process: a migrated :memory: database and a fake clock, closed when the
 * test ends. Only the browser is stood in for.
 */
export function startBff(): TestApp {
  const t = createTestApp();
  onTestFinished(() => {
    t.close();
  });
  return t;
}

/** Installs the app (with the given scopes) and launches it: the cookie a browser would hold. */
export async function launch(t: TestApp, options: InstallOptions = {}): Promise<string> {
  await installApp(t, options);
  const { cookie } = await enterPortal(t);
  return cookie;
}

/**
 * A fetch that calls the in-process BFF and does what the browser adds on its own: the
 * session cookie (the SPA never sees it) and, on state-changing calls, the page's Origin.
 * Without a cookie it is a browser whose cookie is gone.
 */
export function bffFetch(t: TestApp, cookie?: string): BffFetch {
  const calls: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString();
    calls.push(url);
    const headers = new Headers(init?.headers);
    if (cookie !== undefined) headers.set('Cookie', cookie);
    const method = init?.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') headers.set('Origin', t.config.publicOrigin);
    return t.app.request(url, { ...init, headers });
  };
  return Object.assign(fetch, { calls });
}
