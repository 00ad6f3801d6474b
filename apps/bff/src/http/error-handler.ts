import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorCode, ErrorEnvelope } from '@kyc-review/contracts';
import { CloudError } from '../cloud/cloud-errors';
import { AppError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { describeError, type Logger } from '../logging/logger';
import type { AppEnv } from './app-env';
import { browserErrorOf } from './cloud-error-response';

const envelope = (code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorEnvelope => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/**
 * The one onError (CONVENTIONS habit 4): AppError → envelope; a Cloud failure → the envelope
 * its one mapping decides (cloud-error-response.ts); anything else → logged 500.
 */
export function errorHandler(logger: Logger) {
  return (thrown: Error, c: Context<AppEnv>) => {
    const err = thrown instanceof CloudError ? browserErrorOf(thrown) : thrown;
    if (err instanceof AppError) {
      // Cloud's wait hint (429/503), as our own header: Cloud's headers never pass through.
      const retryAfter = err.details?.['retry_after'];
      if (typeof retryAfter === 'number' && Number.isInteger(retryAfter) && retryAfter >= 0)
        c.header('Retry-After', String(retryAfter));
      // A body refused before (or without) reading it to the end may still be arriving: close
      // the connection, so a keep-alive client's next request never lands on a reset socket.
      if (err instanceof PayloadTooLargeError || err instanceof UnsupportedMediaTypeError)
        c.header('Connection', 'close');
      return c.json(envelope(err.code, err.message, err.details), err.status);
    }
    // Hono's own (e.g. a malformed request it rejects first): keep its status, not its text.
    if (err instanceof HTTPException && err.status < 500)
      return c.json(envelope('bad_request', 'The request was rejected.'), err.status);
    const requestId = c.get('requestId');
    logger.error('unhandled error', { request_id: requestId, path: c.req.path, ...describeError(err) });
    return c.json(
      envelope('internal_error', `Something went wrong. Quote request id ${requestId} when reporting it.`, {
        request_id: requestId,
      }),
      500,
    );
  };
}

export function notFoundHandler(c: Context<AppEnv>) {
  return c.json(envelope('not_found', 'Not found.'), 404);
}
