import type { ErrorCode } from '@kyc-review/contracts';
import { loadContracts } from './contracts';

/**
 * Codes the client adds to the BFF's own: the network failed (fetch rejected), or the
 * BFF answered something that is not what the contract promises.
 */
export type ClientErrorCode = 'network_error' | 'bad_response';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** Every failed BFF call, in one shape the screens can branch on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns a non-2xx response into an ApiError, reading the error envelope when there is one. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const reading: Promise<unknown> = response.json().catch(() => undefined);
  const [body, { ERROR_CODES, ErrorEnvelope }] = await Promise.all([reading, loadContracts()]);
  const known: ReadonlySet<string> = new Set(ERROR_CODES);
  const isErrorCode = (code: string): code is ErrorCode => known.has(code);
  const parsed = ErrorEnvelope.safeParse(body);
  if (!parsed.success) {
    // A proxy or gateway page, not the BFF: say what happened without echoing the body.
    return new ApiError(
      response.status,
      'bad_response',
      `The server answered ${response.status} without an error description.`,
    );
  }
  const { code, message, details } = parsed.data.error;
  if (!isErrorCode(code)) {
    return new ApiError(response.status, 'bad_response', message, { ...details, code });
  }
  return new ApiError(response.status, code, message, details);
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError(
    0,
    'network_error',
    'Could not reach the KYC Review server. Check your connection and try again.',
  );
  error.cause = cause;
  return error;
}

/** The two codes that mean the browser session is gone and only a relaunch helps. */
export function isSessionEnded(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status === 401 &&
    (error.code === 'no_session' || error.code === 'session_expired')
  );
}

/** The launch is alive but nobody is signed in on it (any more): the sign-in screen helps. */
export function isSignInNeeded(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 401 && error.code === 'reviewer_required';
}
