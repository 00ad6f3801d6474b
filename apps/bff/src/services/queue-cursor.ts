import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CaseSort, QUEUE_CURSOR_MAX, type CaseQueueQuery } from '@kyc-review/contracts';
import { activeFilters, type QueueKey, type QueueSeek } from '../db/queue-plan';
import { QUEUE_ORDERS, QUEUE_SORTS } from '../db/queue-schema';
import { ValidationError } from '../errors';

// Keyset cursors of the queue (docs/decisions/019): the sort key of a page's first or last
// row, the page number it leads to (for display), and a digest of the filters it was made
// under, so a cursor cannot be replayed against another view. Opaque to the SPA; it holds
// only sort values the page itself showed (score, dates, identity id), nothing secret.

const Cursor = z.object({
  v: z.literal(1),
  sort: CaseSort,
  dir: z.enum(['after', 'before']),
  key: z
    .array(z.union([z.string().max(200), z.number()]))
    .min(1)
    .max(8),
  page: z.number().int().min(1).max(1_000_000),
  view: z.string(),
});

/** The filters a cursor belongs to (everything but the position and the page size). */
function viewOf(q: CaseQueueQuery): string {
  const view = [activeFilters(q), q.q ?? '', q.sort];
  return createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 16);
}

export function encodeQueueCursor(q: CaseQueueQuery, dir: QueueSeek['direction'], key: QueueKey, page: number): string {
  const cursor: z.input<typeof Cursor> = { v: 1, sort: q.sort, dir, key: [...key], page, view: viewOf(q) };
  const text = Buffer.from(JSON.stringify(cursor)).toString('base64url');
  if (text.length > QUEUE_CURSOR_MAX) throw new Error('a queue cursor came out longer than the API accepts');
  return text;
}

const invalid = (message: string) =>
  new ValidationError(message, { fields: [{ field: 'cursor', message: 'Not a cursor of this queue view.' }] });

/** The seek and page a cursor stands for; 400 when it is not one this view gave out. */
export function decodeQueueCursor(q: CaseQueueQuery, text: string): { seek: QueueSeek; page: number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('The cursor is not valid; start again from the first page.');
  }
  const parsed = Cursor.safeParse(value);
  if (!parsed.success) throw invalid('The cursor is not valid; start again from the first page.');
  const keys = QUEUE_ORDERS[QUEUE_SORTS[parsed.data.sort].order].length;
  if (parsed.data.key.length !== keys) throw invalid('The cursor is not valid; start again from the first page.');
  if (parsed.data.sort !== q.sort || parsed.data.view !== viewOf(q))
    throw invalid('The cursor belongs to other filters or another sort; start again from the first page.');
  return { seek: { direction: parsed.data.dir, key: parsed.data.key }, page: parsed.data.page };
}
