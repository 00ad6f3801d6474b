import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { WATCHLIST_IMPORT_MAX_BYTES } from '@kyc-review/contracts';
import { AppError, PayloadTooLargeError } from '../errors';
import { limitBody } from './json-body';

const limitCsv = bodyLimit({
  maxSize: WATCHLIST_IMPORT_MAX_BYTES,
  onError: () => {
    throw new PayloadTooLargeError(WATCHLIST_IMPORT_MAX_BYTES);
  },
});

/** The /api body limit: 64 KiB everywhere except the CSV upload paths named here. */
export function limitApiBody(csvPaths: readonly string[]): MiddlewareHandler {
  const json = limitBody();
  return (c, next) => (csvPaths.includes(c.req.path) ? limitCsv(c, next) : json(c, next));
}

export class CsvMediaTypeError extends AppError {
  constructor() {
    super('unsupported_media_type', 415, 'The request body must be text/csv.');
  }
}

/** The body as text when it is declared as CSV (or plain text, which some tools send). */
export async function readCsvText(c: Context): Promise<string> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^text\/(csv|plain)\b/i.test(type)) throw new CsvMediaTypeError();
  return c.req.text();
}
