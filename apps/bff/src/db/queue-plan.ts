import type { CaseQueueFilters, CaseQueueQuery } from '@kyc-review/contracts';
import { QUEUE_FILTERS, QUEUE_ORDERS, QUEUE_SORTS, queueIndexName, type QueueFilterName } from './queue-schema';

// The queue's statements as SQL text: which index a page walks, from which seek position,
// and how a total is counted (docs/decisions/011 and 019). queue-plans.test.ts asserts
// their query plans; db/case-queue-repository.ts prepares and runs them.

/** A key of the page's order (one value per key column), as a keyset cursor carries it. */
export type QueueKey = readonly (string | number)[];
/** Where a page starts: the rows after a key (next page) or before it (previous page). */
export type QueueSeek = { readonly direction: 'after' | 'before'; readonly key: QueueKey };

/** LIKE with the user's text taken literally. */
const likeLiteral = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export type Active = { readonly name: QueueFilterName; readonly value: string | number };

/** The filters a query asks for, in QUEUE_FILTERS order. */
export function activeFilters(q: CaseQueueFilters): Active[] {
  const active: Active[] = [];
  for (const name of Object.keys(QUEUE_FILTERS) as QueueFilterName[]) {
    const value = QUEUE_FILTERS[name].value(q);
    if (value !== undefined) active.push({ name, value });
  }
  return active;
}

/** The due date of a case nobody waits for (migration 0016): after every real one. */
export const NOT_DUE = '9999-12-31T23:59:59.999Z';

/**
 * The statuses nobody waits for: exactly the cases due NOT_DUE (migration 0016 sets every
 * other case's due date from when it entered the queue, which every case has), so `open=true`
 * is these statuses left out, which the kept counts answer (db/queue-totals.ts).
 */
export const NOT_WAITING = ['approved', 'rejected'] as const;

/**
 * `overdue=true` and `open=true` as a bound on due_at: now (from the service's clock), or
 * NOT_DUE, which every case still waiting for someone is before.
 */
export const dueBeforeOf = (q: Pick<CaseQueueFilters, 'overdue' | 'open'>, now: string): string | null =>
  q.overdue === 'true' ? now : q.open === 'true' ? NOT_DUE : null;

/**
 * Who asks, for the filters that mean "someone else": "Awaiting my second approval" leaves
 * out the cases whose first approval is the asker's own (set by the service, never by a URL).
 */
export type Asker = { readonly first_approver_not?: string | undefined };

/** The reviewer whose own first approvals the second-approval view leaves out, if that view is asked. */
export const firstApproverNotOf = (q: Pick<CaseQueueFilters, 'second_approval'> & Asker): string | null =>
  q.second_approval === 'awaiting' ? (q.first_approver_not ?? null) : null;

/** What one page query needs: the filters, the search text, the sort, where to start, how many. */
export type QueuePlanInput = {
  readonly filters: readonly Active[];
  /** Only cases due before this time (the overdue view); null: any. */
  readonly dueBefore: string | null;
  /** Leave out cases first approved by this reviewer (checked per row of the walked index); null: none. */
  readonly firstApproverNot: string | null;
  /** The filter whose index is walked (null: the unfiltered index of the order). */
  readonly driving: QueueFilterName | null;
  readonly search: string | null;
  readonly sort: CaseQueueQuery['sort'];
  /** Start after this key in the walk's direction (null: at the start). */
  readonly seek: QueueKey | null;
  /** Walk against the sort's direction (a previous page, or a page nearer the end). */
  readonly reverse: boolean;
  readonly limit: number;
  readonly offset: number;
};

export type Sql = { sql: string; params: Record<string, string | number> };

/** The WHERE of a queue statement: the install's listed cases, the filters, the search. */
function matching(p: Pick<QueuePlanInput, 'filters' | 'search' | 'dueBefore' | 'firstApproverNot'>): Sql {
  const clauses = ['installed_app_id = @install', 'listed = 1'];
  const params: Record<string, string | number> = {};
  for (const f of p.filters) {
    clauses.push(`${QUEUE_FILTERS[f.name].column} = @f_${f.name}`);
    params[`f_${f.name}`] = f.value;
  }
  if (p.dueBefore !== null) {
    clauses.push('due_at < @due_before');
    params['due_before'] = p.dueBefore;
  }
  if (p.firstApproverNot !== null) {
    clauses.push('first_approver_id <> @first_approver_not');
    params['first_approver_not'] = p.firstApproverNot;
  }
  if (p.search !== null) {
    clauses.push("search_text LIKE @q ESCAPE '\\'");
    params['q'] = likeLiteral(p.search);
  }
  return { sql: clauses.join(' AND '), params };
}

/** The queue's filters as SQL; exports reuse them so a CSV holds exactly what the queue shows. */
export function whereOf(installedAppId: string, q: CaseQueueFilters & Asker, now: string): Sql {
  const where = matching({
    filters: activeFilters(q),
    search: q.q === undefined || q.q === '' ? null : q.q,
    dueBefore: dueBeforeOf(q, now),
    firstApproverNot: firstApproverNotOf(q),
  });
  return { sql: where.sql, params: { ...where.params, install: installedAppId } };
}

/** The statement that picks a page's rowids in walk order; also what the plan tests explain. */
export function pageRowidsSql(p: QueuePlanInput): Sql {
  const { order, descending } = QUEUE_SORTS[p.sort];
  const keys = QUEUE_ORDERS[order];
  const walkDescending = p.reverse ? !descending : descending;
  const where = matching(p);
  const params: Record<string, string | number> = { ...where.params, limit: p.limit, offset: p.offset };
  let seek = '';
  if (p.seek !== null) {
    if (p.seek.length !== keys.length) throw new Error('a queue key has the wrong number of values');
    seek = ` AND (${keys.join(', ')}) ${walkDescending ? '<' : '>'} (${keys.map((_, i) => `@k${String(i)}`).join(', ')})`;
    p.seek.forEach((v, i) => (params[`k${String(i)}`] = v));
  }
  const by = keys.map((k) => `${k}${walkDescending ? ' DESC' : ''}`).join(', ');
  return {
    sql: `SELECT rowid FROM kyc_cases INDEXED BY ${queueIndexName(p.driving, order)} WHERE ${where.sql}${seek}
      ORDER BY ${by} LIMIT @limit OFFSET @offset`,
    params,
  };
}

/**
 * Counting the rows themselves: a search, the second-approval view, a due-date bound with a
 * filter the due-day counts do not hold, or the part of a due-date bound's day before the
 * bound (`dueFrom`: from that day's start) that those counts leave out (decision 019).
 */
export function countSql(
  p: Pick<QueuePlanInput, 'filters' | 'search' | 'driving' | 'dueBefore' | 'firstApproverNot'> & {
    readonly dueFrom?: string;
  },
): Sql {
  const where = matching(p);
  if (p.dueFrom !== undefined) {
    where.sql += ' AND due_at >= @due_from';
    where.params['due_from'] = p.dueFrom;
  }
  const index = countIndex(p);
  return { sql: `SELECT COUNT(*) AS n FROM kyc_cases INDEXED BY ${index} WHERE ${where.sql}`, params: where.params };
}

/**
 * The index a count walks. The search index is narrow: counting a search with no other filter
 * scans it rather than a filter's index; a due-date bound is a range of the due order's index
 * (the driving filter's, or the unfiltered one, which carries the filters that have no index
 * of their own); otherwise the driving filter's risk-order index.
 */
function countIndex(p: Pick<QueuePlanInput, 'filters' | 'search' | 'driving' | 'dueBefore'>): string {
  if (p.search !== null && p.filters.length === 0 && p.dueBefore === null) return 'kyc_cases_search';
  return queueIndexName(p.driving, p.dueBefore !== null ? 'due' : 'risk');
}

/**
 * The status tabs of a view the kept counts do not hold (a search, the second-approval view,
 * a due-date bound with a country or a type), in one pass over the index a total would walk,
 * grouped by status and never reviewed: SQLite groups the few groups in a temporary B-tree
 * (not a sort of the rows). One pass instead of one per tab.
 */
export function tabCountsSql(
  p: Pick<QueuePlanInput, 'filters' | 'search' | 'driving' | 'dueBefore' | 'firstApproverNot'>,
): Sql {
  const where = matching(p);
  return {
    sql: `SELECT status, never_reviewed, COUNT(*) AS n FROM kyc_cases INDEXED BY ${countIndex(p)} WHERE ${where.sql}
      GROUP BY status, never_reviewed`,
    params: where.params,
  };
}
