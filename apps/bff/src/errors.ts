import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '@kyc-review/contracts';

/**
 * The one error model (CONVENTIONS habit 4): services throw AppError subclasses with a
 * literal code; the app's single onError turns them into the error envelope. `message`
 * is shown to people, so it must never carry a secret or Cloud's own error text.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('bad_request', 400, message, details);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('validation_failed', 400, message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super('not_found', 404, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', 409, message, details);
  }
}

/**
 * A write refused because the database's one connection was inside another change's open
 * transaction (the guard of decision 022, `db/sqlite-write-guard.ts`). Nothing was written;
 * trying again shortly succeeds.
 */
export class StorageBusyError extends AppError {
  constructor() {
    super('storage_busy', 503, 'The database was busy with another change and nothing was saved. Try again.', {
      retry_after: 1,
    });
  }
}

export class MissingPermissionError extends AppError {
  constructor(required: string, message?: string) {
    super('missing_permission', 403, message ?? `This install was not granted ${required}.`, { required });
  }
}

// --- HTTP input -------------------------------------------------------------------

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('payload_too_large', 413, `The request body is larger than ${limitBytes} bytes.`, {
      limit_bytes: limitBytes,
    });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super('unsupported_media_type', 415, 'The request body must be application/json.');
  }
}

// --- Cloud callbacks and launches (docs/cloud-contract.md §3, §4, §8) ---------------------------

export class CallbackKeyError extends AppError {
  constructor() {
    super('callback_key_invalid', 401, 'The callback key is missing or wrong.');
  }
}

export class AppNotAllowedError extends AppError {
  constructor() {
    super('app_not_allowed', 403, 'This app_id is not the app this server is configured for.');
  }
}

export class InstallNotActiveError extends AppError {
  constructor() {
    super('install_not_active', 403, 'The install is unknown or no longer active.');
  }
}

export class InstallMismatchError extends AppError {
  constructor(status: 403 | 409, fields: readonly string[]) {
    super('install_mismatch', status, `The request does not match the install record: ${fields.join(', ')}.`, {
      fields,
    });
  }
}

/** An uninstall dated before the install's current activation: a replay, never applied. */
export class StaleEventError extends AppError {
  constructor() {
    super('stale_event', 409, 'The uninstall is dated before the install it would remove was activated.');
  }
}

export class TokenInvalidError extends AppError {
  constructor() {
    super('token_invalid', 401, 'This launch link is not valid or was already used. Relaunch the app from Blnk Cloud.');
  }
}

export class TokenExpiredError extends AppError {
  constructor() {
    super('token_expired', 410, 'This launch link has expired. Relaunch the app from Blnk Cloud.');
  }
}

// --- Browser sessions (decision 003) ----------------------------------------------

export class NoSessionError extends AppError {
  constructor() {
    super('no_session', 401, 'There is no session. Relaunch the app from Blnk Cloud.');
  }
}

export class SessionExpiredError extends AppError {
  constructor() {
    super('session_expired', 401, 'Your session has ended. Relaunch the app from Blnk Cloud.');
  }
}

export class CsrfError extends AppError {
  constructor() {
    super('csrf_failed', 403, 'The request failed the cross-site request check.');
  }
}
