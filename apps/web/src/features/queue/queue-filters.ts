import { AssigneeFilter, CaseSort, CaseStatus, QUEUE_CURSOR_MAX, RiskLevel } from '@kyc-review/contracts';
import { z } from 'zod';

// The queue's filters live in the URL (a reload or a shared link reopens the same view).
// Each parameter is read on its own: one bad value is dropped, not the whole view.

export const QueueStatusParam = z.union([CaseStatus, z.literal('never_reviewed')]);
export const IdentityTypeParam = z.enum(['individual', 'organization']);
const Text = z.string().trim().min(1).max(100);
const Page = z.coerce.number().int().min(1).max(1_000_000);
const Cursor = z.string().min(1).max(QUEUE_CURSOR_MAX);
const TrueParam = z.literal('true');
const AwaitingParam = z.literal('awaiting');

export interface QueueFilters {
  status?: z.infer<typeof QueueStatusParam>;
  risk_level?: RiskLevel;
  country?: string;
  identity_type?: z.infer<typeof IdentityTypeParam>;
  q?: string;
  /** `me`, `none` (unassigned) or a reviewer id. */
  assignee?: AssigneeFilter;
  overdue?: 'true';
  open?: 'true';
  /** `awaiting`: first approval given by someone else, waiting for a second (a lead's view). */
  second_approval?: 'awaiting';
  sort: CaseSort;
  page: number;
  /** The BFF's keyset cursor of `page` (from Next or Previous), so a deep page is a seek. */
  cursor?: string;
}

export const DEFAULT_SORT: CaseSort = 'risk_desc';
export const QUEUE_PAGE_SIZE = 20;

function read<T>(params: URLSearchParams, name: string, schema: z.ZodType<T>): T | undefined {
  const parsed = schema.safeParse(params.get(name) ?? undefined);
  return parsed.success ? parsed.data : undefined;
}

export function readQueueFilters(params: URLSearchParams): QueueFilters {
  const filters: QueueFilters = {
    sort: read(params, 'sort', CaseSort) ?? DEFAULT_SORT,
    page: read(params, 'page', Page) ?? 1,
  };
  const status = read(params, 'status', QueueStatusParam);
  const risk = read(params, 'risk_level', RiskLevel);
  const country = read(params, 'country', Text);
  const type = read(params, 'identity_type', IdentityTypeParam);
  const q = read(params, 'q', Text);
  const cursor = read(params, 'cursor', Cursor);
  const assignee = read(params, 'assignee', AssigneeFilter);
  const overdue = read(params, 'overdue', TrueParam);
  const open = read(params, 'open', TrueParam);
  const secondApproval = read(params, 'second_approval', AwaitingParam);
  if (secondApproval !== undefined) filters.second_approval = secondApproval;
  if (assignee !== undefined) filters.assignee = assignee;
  if (overdue !== undefined) filters.overdue = overdue;
  if (open !== undefined) filters.open = open;
  if (cursor !== undefined) filters.cursor = cursor;
  if (status !== undefined) filters.status = status;
  if (risk !== undefined) filters.risk_level = risk;
  if (country !== undefined) filters.country = country;
  if (type !== undefined) filters.identity_type = type;
  if (q !== undefined) filters.q = q;
  return filters;
}

/** The URL form: defaults are left out so the plain queue has a plain URL. */
export function writeQueueFilters(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== undefined) params.set('status', filters.status);
  if (filters.q !== undefined) params.set('q', filters.q);
  if (filters.risk_level !== undefined) params.set('risk_level', filters.risk_level);
  if (filters.country !== undefined) params.set('country', filters.country);
  if (filters.identity_type !== undefined) params.set('identity_type', filters.identity_type);
  if (filters.assignee !== undefined) params.set('assignee', filters.assignee);
  if (filters.overdue !== undefined) params.set('overdue', filters.overdue);
  if (filters.open !== undefined) params.set('open', filters.open);
  if (filters.second_approval !== undefined) params.set('second_approval', filters.second_approval);
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.cursor !== undefined) params.set('cursor', filters.cursor);
  return params;
}

/** Whether anything narrows the queue beyond its status tab (for the empty state's wording). */
export const hasNarrowingFilters = (f: QueueFilters): boolean =>
  f.q !== undefined ||
  f.risk_level !== undefined ||
  f.country !== undefined ||
  f.identity_type !== undefined ||
  f.assignee !== undefined ||
  f.overdue !== undefined ||
  f.open !== undefined ||
  f.second_approval !== undefined;

/** What narrows the queue; the CSV export takes exactly these. */
const FILTER_KEYS = [
  'status',
  'risk_level',
  'country',
  'identity_type',
  'q',
  'assignee',
  'overdue',
  'open',
  'second_approval',
] as const;

/** The query string the BFF expects (all strings, as in a URL). */
export function toQueueQuery(filters: QueueFilters): Record<string, string> {
  const query: Record<string, string> = {
    sort: filters.sort,
    page: String(filters.page),
    pageSize: String(QUEUE_PAGE_SIZE),
  };
  for (const key of [...FILTER_KEYS, 'cursor'] as const) {
    const value = filters[key];
    if (value !== undefined) query[key] = value;
  }
  return query;
}

/** A change from the toolbar or tabs; `undefined` clears a filter. */
export type QueueFilterChanges = { [K in keyof QueueFilters]?: QueueFilters[K] | undefined };

/**
 * Applies changes, parsed as the URL would be. Any change but the page itself goes back to
 * page 1, and a cursor is kept only with the page it was given for.
 */
export function applyQueueChanges(filters: QueueFilters, changes: QueueFilterChanges): QueueFilters {
  const merged = { ...filters, ...changes, page: changes.page ?? 1, cursor: changes.cursor };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== undefined) params.set(key, String(value));
  return readQueueFilters(params);
}

/** The queue CSV of these filters (every page, no order or paging): a plain download link. */
export function queueExportHref(filters: QueueFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) params.set(key, value);
  }
  const query = params.toString();
  return `/api/exports/queue.csv${query === '' ? '' : `?${query}`}`;
}
