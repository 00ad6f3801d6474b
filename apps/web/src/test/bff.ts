import {
  createEmulatorBackedApp,
  createTestApp,
  enterPortal,
  installApp,
  type EmulatorBackedApp,
  type EmulatorBackedOptions,
  type InstallOptions,
  type ReviewerSpec,
  type TestApp,
} from '@kyc-review/bff/test-support';
import { DEMO_WATCHLIST_PATH } from '@kyc-review/cloud-emulator';
import type { Permission } from '@kyc-review/contracts';
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

/**
 * Installs the app (with the given scopes) and launches it: the cookie a browser would hold,
 * with a lead signed in on it unless `reviewer` says otherwise (null: launched only).
 */
export async function launch(
  t: TestApp,
  options: InstallOptions & { reviewer?: ReviewerSpec | null } = {},
): Promise<string> {
  const { reviewer, ...install } = options;
  await installApp(t, install);
  const { cookie } = await enterPortal(t, reviewer === undefined ? {} : { reviewer });
  return cookie;
}

/** jsdom's Blob has no text(); FileReader is how a page would read it. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? reader.result : '');
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('could not read the file'));
    };
    reader.readAsText(blob);
  });
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
    // A file body is jsdom's Blob, which Node's Request cannot read; the browser would send its bytes.
    const body = init?.body instanceof Blob ? await blobText(init.body) : init?.body;
    return t.app.request(url, { ...init, headers, ...(body === undefined ? {} : { body }) });
  };
  return Object.assign(fetch, { calls });
}

export interface SignInOptions {
  instanceId?: string;
  /** The person launching: names the reviewer signed in (a lead unless `reviewer` says). */
  userId?: string;
  /** The reviewer signed in on the launch; null: launched only (the sign-in screen shows). */
  reviewer?: ReviewerSpec | null;
  /** Wait for the BFF's first sync of the identity mirror, so the queue is full (needs data:read). */
  synced?: boolean;
}

export interface SignedIn {
  fetch: BffFetch;
  installedAppId: string;
  instanceId: string;
}

export interface EmulatorBff {
  app: EmulatorBackedApp;
  /** Installs the app through the emulator with these scopes, launches it, and returns the browser's fetch. */
  signIn(permissions?: readonly Permission[], options?: SignInOptions): Promise<BffFetch>;
  /** The same, with the install's ids (for a second reviewer or emulator look-ups). */
  install(permissions?: readonly Permission[], options?: SignInOptions): Promise<SignedIn>;
  /** Another person launching the same install: a second reviewer (a lead unless `reviewer` says). */
  launchAs(installedAppId: string, userId: string, reviewer?: ReviewerSpec): Promise<BffFetch>;
}

/**
 * The real BFF wired to the real Cloud emulator on loopback (seeded identities, balances,
 * transactions, alerts), installed and launched as Blnk Cloud does it; closed when the test ends.
 */
export async function startEmulatorBff(options: EmulatorBackedOptions = {}): Promise<EmulatorBff> {
  // The fictional demo watchlist, as in dev, so seeded look-alikes raise watchlist hits.
  const app = await createEmulatorBackedApp({
    ...options,
    env: { DEMO_WATCHLIST_CSV: DEMO_WATCHLIST_PATH, ...options.env },
  });
  onTestFinished(() => app.close());
  const install = async (
    permissions?: readonly Permission[],
    { synced = false, ...launch }: SignInOptions = {},
  ): Promise<SignedIn> => {
    const installed = await app.install(permissions, launch);
    const fetch = bffFetch(app.t, installed.session.cookie);
    if (synced) {
      // The first queue read starts the sync; the test then waits for it, as a reviewer would.
      await fetch('/api/cases');
      await app.t.services.review.sync.idle(installed.installedAppId);
      fetch.calls.length = 0;
    }
    return { fetch, installedAppId: installed.installedAppId, instanceId: installed.instanceId };
  };
  return {
    app,
    install,
    signIn: async (permissions, signInOptions) => (await install(permissions, signInOptions)).fetch,
    launchAs: async (installedAppId, userId, reviewer) =>
      bffFetch(app.t, (await app.launch(installedAppId, userId, reviewer === undefined ? {} : { reviewer })).cookie),
  };
}

/**
 * findBy* options for answers that travel BFF → emulator → BFF (slower than in-process only):
 * generous, as the suite shares 2 cores with the browser walks (within the 20 s test timeout).
 */
export const SLOW = { timeout: 15_000 } as const;

/**
 * Holds the BFF's answers to matching URLs until `release()`: the answers stay real, they
 * only arrive later, so a test can see the loading state without timing anything.
 */
export function gated(fetch: BffFetch, pattern: RegExp): { fetch: BffFetch; release: () => void } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const held = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (pattern.test(input instanceof Request ? input.url : input.toString())) await gate;
    return response;
  };
  return { fetch: Object.assign(held, { calls: fetch.calls }), release: open };
}

/** A browser that cannot reach the server for matching URLs (the fetch rejects, as offline). */
export function unreachable(fetch: BffFetch, pattern: RegExp): BffFetch {
  const failing = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (pattern.test(input instanceof Request ? input.url : input.toString())) throw new TypeError('Failed to fetch');
    return fetch(input, init);
  };
  return Object.assign(failing, { calls: fetch.calls });
}
