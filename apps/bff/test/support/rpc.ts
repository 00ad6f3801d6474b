import { hc } from 'hono/client';
import type { AppType } from '../../src/app';
import type { PortalSession } from './lifecycle';

/**
 * The BFF's typed client (`hc<AppType>`, as the SPA uses it) for tests: the in-process app
 * answers, with the session's cookie on every call and its CSRF token and Origin on every
 * state-changing one. A renamed route, param, query or body field fails to compile.
 */
export type TestRpc = ReturnType<typeof hc<AppType>>;

type InProcessApp = { request(path: string, init?: RequestInit): Response | Promise<Response> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function testRpc(app: InProcessApp, session: PortalSession): TestRpc {
  return hc<AppType>('http://bff.test/', {
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      const method = (init?.method ?? 'GET').toUpperCase();
      const headers = new Headers(init?.headers);
      headers.set('Cookie', session.cookie);
      if (!SAFE_METHODS.has(method)) {
        headers.set('X-CSRF-Token', session.csrfToken);
        headers.set('Origin', session.origin);
      }
      return app.request(`${url.pathname}${url.search}`, { ...init, method, headers });
    },
  });
}

/** What the tests read of an answer, from `fetch`/`app.request` (a Response) or the typed client alike. */
export type ApiAnswer = {
  readonly status: number;
  readonly headers: Headers;
  json(): Promise<unknown>;
  text(): Promise<string>;
};
