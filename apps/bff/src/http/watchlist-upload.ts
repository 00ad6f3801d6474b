import { Readable } from 'node:stream';
import Busboy, { type BusboyFileStream } from '@fastify/busboy';
import { WATCHLIST_IMPORT_MAX_BYTES, WatchlistImportFormat, WatchlistImportMode } from '@kyc-review/contracts';
import type { ImportFile } from '@kyc-review/kyc';
import type { Context } from 'hono';
import { AppError, BadRequestError, PayloadTooLargeError, ValidationError } from '../errors';

/** The most files one upload may hold (OFAC: sdn.csv, alt.csv, add.csv). */
const MAX_FILES = 10;

export class WatchlistMediaTypeError extends AppError {
  constructor() {
    super(
      'unsupported_media_type',
      415,
      'Send the watchlist as multipart/form-data (one or more files) or as the raw file (text/csv, application/json, application/x-ndjson, text/plain or application/octet-stream).',
    );
  }
}

/** Content types a single raw file may be sent as; the content decides what it is. */
const RAW_TYPES =
  /^(text\/(csv|plain|tab-separated-values)|application\/(json|x-ndjson|jsonl|x-jsonlines|octet-stream|vnd\.ms-excel|csv))\b/i;

export interface WatchlistUpload {
  readonly files: AsyncIterable<ImportFile>;
  readonly format: WatchlistImportFormat | undefined;
  readonly mode: WatchlistImportMode;
  /** Stops reading the request body (after an error, so nothing more is parsed). */
  readonly close: () => void;
}

/** The request body's chunks, refused with 413 past the upload limit (also without Content-Length). */
async function* limitedBody(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > WATCHLIST_IMPORT_MAX_BYTES) throw new PayloadTooLargeError(WATCHLIST_IMPORT_MAX_BYTES);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Files of a multipart body, one after the other, each streamed as it arrives. */
async function* multipartFiles(source: Readable, contentType: string): AsyncGenerator<ImportFile> {
  const busboy = Busboy({ headers: { 'content-type': contentType }, limits: { files: MAX_FILES, fileSize: Infinity } });
  const queue: (ImportFile | null)[] = [];
  let failure: unknown = null;
  let current: BusboyFileStream | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  busboy.on('file', (field, stream, fileName) => {
    current = stream;
    queue.push({ name: fileName === '' ? field : fileName, chunks: stream });
    notify();
  });
  busboy.on('filesLimit', () => {
    failure = new BadRequestError(`An upload holds at most ${String(MAX_FILES)} files.`);
    notify();
  });
  busboy.on('finish', () => {
    queue.push(null);
    notify();
  });
  const fail = (error: unknown) => {
    failure = error;
    // A file being read would otherwise wait forever for bytes that never come.
    current?.destroy(error instanceof Error ? error : new Error('upload failed'));
    notify();
  };
  busboy.on('error', fail);
  source.on('error', fail);
  source.pipe(busboy);
  for (;;) {
    if (failure !== null)
      throw failure instanceof AppError ? failure : new BadRequestError('The multipart body is malformed.');
    const next = queue.shift();
    if (next === null) return;
    if (next === undefined) {
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    yield next;
  }
}

/**
 * The uploaded watchlist files: a multipart body (each file part, in order; OFAC's three
 * files together) or one raw file. `?mode=` (append or replace) is required; `?format=` names the format instead of recognising it;
 * `?filename=` names a raw file in reports.
 */
export function readWatchlistUpload(c: Context): WatchlistUpload {
  const formatParam = c.req.query('format');
  const format =
    formatParam === undefined || formatParam === '' ? undefined : WatchlistImportFormat.safeParse(formatParam);
  if (format?.success === false) {
    throw new ValidationError(`format must be one of ${WatchlistImportFormat.options.join(', ')}.`, {
      fields: [{ path: 'format', message: 'unknown format' }],
    });
  }
  const mode = WatchlistImportMode.safeParse(c.req.query('mode'));
  if (!mode.success) {
    throw new ValidationError(
      `mode must be append (add and update entries by id) or replace (the lists in the upload are replaced whole).`,
      { fields: [{ path: 'mode', message: `one of ${WatchlistImportMode.options.join(', ')}` }] },
    );
  }
  const type = c.req.header('Content-Type') ?? '';
  const multipart = /^multipart\/form-data\b/i.test(type);
  if (!multipart && !RAW_TYPES.test(type)) throw new WatchlistMediaTypeError();
  const length = Number(c.req.header('Content-Length') ?? '0');
  if (length > WATCHLIST_IMPORT_MAX_BYTES) throw new PayloadTooLargeError(WATCHLIST_IMPORT_MAX_BYTES);
  const body = c.req.raw.body;
  if (body === null) throw new BadRequestError('The upload is empty: send a watchlist file.');
  const source = Readable.from(limitedBody(body));
  const name = (c.req.query('filename') ?? '').slice(0, 200) || 'upload';
  async function* single(): AsyncGenerator<ImportFile> {
    yield await Promise.resolve({ name, chunks: source });
  }
  return {
    files: multipart ? multipartFiles(source, type) : single(),
    format: format?.data,
    mode: mode.data,
    close: () => source.destroy(),
  };
}
