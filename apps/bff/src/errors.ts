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

export class MissingPermissionError extends AppError {
  constructor(required: string, message?: string) {
    super('missing_permission', 403, message ?? `This install was not granted ${required}.`, { required });
  }
}
