import { AppError } from '../errors';

// Failures of a Cloud call, as the browser sees them (docs/cloud-contract.md §6.6, issue 4). Messages
// are ours: Cloud's error text, its headers and the install's key never get copied in.
// Only a Core `error_detail.code` (IDT_NOT_FOUND, …) survives, as a machine detail.

/** Keeps a Core error code only when it looks like one: nothing free-form gets through. */
export function safeCloudCode(code: string | undefined): { cloud_code: string } | undefined {
  return code !== undefined && /^[A-Z][A-Z0-9_]{1,63}$/.test(code) ? { cloud_code: code } : undefined;
}

/**
 * Cloud answered 401: the install's key is revoked or unknown. A service catches this
 * to mark the install as needing a reinstall. 409 rather than 401 to the browser: the
 * user's session is fine, the install is in a state that cannot serve the request,
 * and the SPA must not mistake it for an expired session.
 */
export class CloudUnauthorizedError extends AppError {
  constructor() {
    super('cloud_unauthorized', 409, 'Blnk Cloud no longer accepts this install. Reinstall the app from Blnk Cloud.');
  }
}

/** Cloud answered 403: it refused the scope or the instance, although our own check passed. */
export class CloudForbiddenError extends AppError {
  constructor() {
    super('cloud_forbidden', 403, 'Blnk Cloud refused this request for this install.');
  }
}

export class CloudNotFoundError extends AppError {
  constructor(cloudCode?: string) {
    super('cloud_not_found', 404, 'Blnk Cloud has no such record in this instance.', safeCloudCode(cloudCode));
  }
}

/** `retryAfterSeconds` is what Cloud asked for, when it said; null when it did not. */
export class CloudRateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number | null) {
    super('cloud_rate_limited', 429, 'Blnk Cloud is limiting requests from this install. Try again shortly.', {
      retry_after: retryAfterSeconds,
    });
  }
}

/**
 * Cloud answered 5xx or could not be reached. 503 only when Cloud itself said 503;
 * `retry_after` is passed on when Cloud said how long to wait.
 */
export class CloudUnavailableError extends AppError {
  constructor(status: 502 | 503, retryAfterSeconds: number | null = null) {
    super(
      'cloud_unavailable',
      status,
      'Blnk Cloud is unavailable right now. Try again shortly.',
      retryAfterSeconds === null ? undefined : { retry_after: retryAfterSeconds },
    );
  }
}

export class CloudTimeoutError extends AppError {
  constructor() {
    super('cloud_timeout', 504, 'Blnk Cloud took too long to answer.');
  }
}

/** Cloud answered something we cannot read: not JSON, too big, or not the documented shape. */
export class CloudBadResponseError extends AppError {
  constructor() {
    super('cloud_bad_response', 502, 'Blnk Cloud sent a response this app could not read.');
  }
}

/** Core refused the request as invalid (400/422 through the proxy), e.g. a bad metadata key. */
export class CloudRejectedError extends AppError {
  constructor(cloudCode?: string) {
    super('bad_request', 400, 'Blnk Cloud rejected the request as invalid.', safeCloudCode(cloudCode));
  }
}

/** Core reported a conflict or a lock (409/423): the record changed or is busy. */
export class CloudConflictError extends AppError {
  constructor(cloudCode?: string) {
    super(
      'conflict',
      409,
      'Blnk Cloud reported a conflict with the current state of the record.',
      safeCloudCode(cloudCode),
    );
  }
}
