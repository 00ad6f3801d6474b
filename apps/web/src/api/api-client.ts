import type { AppType } from '@kyc-review/bff/app';
import { CSRF_HEADER } from '@kyc-review/contracts';
import { hc } from 'hono/client';
import type { z } from 'zod';
import { ApiError, apiErrorFromResponse, networkError } from './api-error';

type Fetch = typeof globalThis.fetch;

export interface ApiClientOptions {
  /** Defaults to the browser's fetch; tests pass one that calls the BFF in-process. */
  fetch?: Fetch;
}

export type Rpc = ReturnType<typeof hc<AppType>>;

export interface ApiClient {
  /** The typed route tree of the BFF (`hc<AppType>`); every call goes through one fetch. */
  readonly rpc: Rpc;
  /** The same wrapped fetch, for the rare call the typed tree cannot express (file uploads). */
  readonly fetch: Fetch;
  /** Remembers the session's CSRF token (in memory only) for state-changing calls. */
  setCsrfToken(token: string): void;
}

// Methods that change nothing; every other /api call needs the CSRF header.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let csrfToken: string | undefined;

  const apiFetch: Fetch = async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    if (!SAFE_METHODS.has(method) && csrfToken !== undefined) headers.set(CSRF_HEADER, csrfToken);
    let response: Response;
    try {
      // same-origin: the httpOnly session cookie rides along; nothing else is ever sent.
      response = await baseFetch(input, { ...init, method, headers, credentials: 'same-origin' });
    } catch (cause) {
      throw networkError(cause);
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    return response;
  };

  return {
    // Relative base: the SPA and the BFF share one origin (the Vite proxy in dev).
    rpc: hc<AppType>('/', { fetch: apiFetch }),
    fetch: apiFetch,
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}

/** Reads a successful response and checks it against the contract's schema. */
export async function readJson<T extends z.ZodType>(
  response: Promise<Response> | Response,
  schema: T,
): Promise<z.infer<T>> {
  const res = await response;
  const body: unknown = await res.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(res.status, 'bad_response', 'The server answered in an unexpected format.', {
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  return parsed.data;
}
