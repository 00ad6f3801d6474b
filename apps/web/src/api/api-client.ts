import type { AppType } from '@kyc-review/bff/app';
// The wire constants alone: the entry does not load the schemas (decision 019).
import { CSRF_HEADER } from '@kyc-review/contracts/http';
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
  /**
   * Who confirms the second factor when the BFF answers `step_up_required` (decision 017):
   * it resolves true once confirmed, and the call is sent again once; false leaves the error.
   */
  setStepUpHandler(handler: StepUpHandler | null): void;
}

export type StepUpHandler = () => Promise<boolean>;

/** The step-up call itself never asks for a step-up. */
const STEP_UP_PATH = '/api/session/step-up';

// Methods that change nothing; every other /api call needs the CSRF header.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const requestUrl = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let csrfToken: string | undefined;

  let stepUp: StepUpHandler | null = null;

  const send: Fetch = async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    if (!SAFE_METHODS.has(method) && csrfToken !== undefined) headers.set(CSRF_HEADER, csrfToken);
    try {
      // same-origin: the httpOnly session cookie rides along; nothing else is ever sent.
      return await baseFetch(input, { ...init, method, headers, credentials: 'same-origin' });
    } catch (cause) {
      throw networkError(cause);
    }
  };

  const apiFetch: Fetch = async (input, init) => {
    let response = await send(input, init);
    if (response.status === 401 && stepUp !== null && !requestUrl(input).endsWith(STEP_UP_PATH)) {
      const error = await apiErrorFromResponse(response.clone());
      // The same call once more after the reviewer confirmed their code (its body is a string or a File).
      if (error.code === 'step_up_required' && (await stepUp())) response = await send(input, init);
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
    setStepUpHandler(handler) {
      stepUp = handler;
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
