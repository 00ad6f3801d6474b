import type { CaseQueueFilters, CaseQueueQuery } from '@kyc-review/contracts';
import { QUEUE_FILTERS, QUEUE_ORDERS, QUEUE_SORTS, queueIndexName, type QueueFilterName } from './queue-schema';
import { candidatesSql, searchClause, searchOf, type QueueSearch } from './queue-search';

// The queue's statements as SQL text: which index a page walks, from which seek position,
// and how a total is counted (docs/decisions/011 and 019). queue-plans.test.ts asserts
// their query plans; db/case-queue-repository.ts prepares and runs them.

/** A key of the page's order (one value per key column), as a keyset cursor carries it. */
export type QueueKey = readonly (string | number)[];
/** Where a page starts: the rows after a key (next page) or before it (previous page). */
export type QueueSeek = { readonly direction: 'after' | 'before'; readonly key: QueueKey };

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
  readonly search: QueueSearch | null;
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
    const s = searchClause(p.search);
    clauses.push(s.sql);
    Object.assign(params, s.params);
  }
  return { sql: clauses.join(' AND '), params };
}

/** The queue's filters as SQL; exports reuse them so a CSV holds exactly what the queue shows. */
export function whereOf(installedAppId: string, q: CaseQueueFilters & Asker, now: string): Sql {
  const where = matching({
    filters: activeFilters(q),
    search: searchOf(q.q),
    dueBefore: dueBeforeOf(q, now),
    firstApproverNot: firstApproverNotOf(q),
  });
  return { sql: where.sql, params: { ...where.params, install: installedAppId } };
}

/** The rows after `seek` in the walk's direction, as a range of the order's keys. */
function seekOf(keys: readonly string[], walkDescending: boolean, seek: QueueKey | null): Sql {
  if (seek === null) return { sql: '', params: {} };
  if (seek.length !== keys.length) throw new Error('a queue key has the wrong number of values');
  const params: Record<string, string | number> = {};
  seek.forEach((v, i) => (params[`k${String(i)}`] = v));
  const bound = keys.map((_, i) => `@k${String(i)}`).join(', ');
  return { sql: ` AND (${keys.join(', ')}) ${walkDescending ? '<' : '>'} (${bound})`, params };
}

/** The statement that picks a page's rowids in walk order; also what the plan tests explain. */
export function pageRowidsSql(p: QueuePlanInput): Sql {
  const { order, descending } = QUEUE_SORTS[p.sort];
  const keys = QUEUE_ORDERS[order];
  const walkDescending = p.reverse ? !descending : descending;
  const where = matching(p);
  const seek = seekOf(keys, walkDescending, p.seek);
  const params: Record<string, string | number> = { ...where.params, ...seek.params, limit: p.limit, offset: p.offset };
  const by = keys.map((k) => `${k}${walkDescending ? ' DESC' : ''}`).join(', ');
  return {
    sql: `SELECT rowid FROM kyc_cases INDEXED BY ${queueIndexName(p.driving, order)} WHERE ${where.sql}${seek.sql}
      ORDER BY ${by} LIMIT @limit OFFSET @offset`,
    params,
  };
}

/** The part of a view's WHERE besides the search (a search's statements check it on the rows it reads). */
type Counted = Pick<QueuePlanInput, 'filters' | 'driving' | 'dueBefore' | 'firstApproverNot'>;

/**
 * Counting the rows themselves: the second-approval view with a due-date bound, a due-date bound
 * with a filter the due-day counts do not hold, or the part of a due-date bound's day before the
 * bound (`dueFrom`: from that day's start) that those counts leave out (decision 019).
 */
export function countSql(p: Counted & { readonly dueFrom?: string }): Sql {
  const where = matching({ ...p, search: null });
  if (p.dueFrom !== undefined) {
    where.sql += ' AND due_at >= @due_from';
    where.params['due_from'] = p.dueFrom;
  }
  const index = countIndex(p);
  return { sql: `SELECT COUNT(*) AS n FROM kyc_cases INDEXED BY ${index} WHERE ${where.sql}`, params: where.params };
}

/**
 * The index a count walks: a due-date bound is a range of the due order's index (the driving
 * filter's, or the unfiltered one, which carries the filters that have no index of their own);
 * otherwise the driving filter's risk-order index.
 */
const countIndex = (p: Pick<QueuePlanInput, 'driving' | 'dueBefore'>): string =>
  queueIndexName(p.driving, p.dueBefore !== null ? 'due' : 'risk');

/**
 * The status tabs of a view the kept counts do not hold (the second-approval view or a due-date
 * bound with a country or a type), in one pass over the index a total would walk, grouped by
 * status and never reviewed: SQLite groups the few groups in a temporary B-tree (not a sort of
 * the rows). One pass instead of one per tab.
 */
export function tabCountsSql(p: Counted): Sql {
  const where = matching({ ...p, search: null });
  return {
    sql: `SELECT status, never_reviewed, COUNT(*) AS n FROM kyc_cases INDEXED BY ${countIndex(p)} WHERE ${where.sql}
      GROUP BY status, never_reviewed`,
    params: where.params,
  };
}

/**
 * A search's statements read its candidates (queue-search.ts), at most @candidates, each checked
 * on its row (the install, the filters, the search's own clause): the rowid is the join, so
 * nothing else in the install is read.
 */
function fromCandidates(search: QueueSearch, p: Omit<Counted, 'driving'>): Sql {
  const c = candidatesSql(search);
  const where = matching({ ...p, search });
  return {
    sql: `(${c.sql}) AS m CROSS JOIN kyc_cases AS c ON c.rowid = m.id WHERE ${where.sql}`,
    params: { ...c.params, ...where.params },
  };
}

/** A search's status tabs (and so its total): one grouped pass over its candidates. */
export function searchTabsSql(search: QueueSearch, p: Omit<Counted, 'driving'>): Sql {
  const from = fromCandidates(search, p);
  return {
    sql: `SELECT status, never_reviewed, COUNT(*) AS n FROM ${from.sql} GROUP BY status, never_reviewed`,
    params: from.params,
  };
}

/**
 * A page of a search with few candidates (all of them read: no more than @candidates): they are
 * sorted, a temporary B-tree of at most that many rows, from the seek position if any.
 */
export function searchPageSql(search: QueueSearch, p: Omit<QueuePlanInput, 'driving' | 'search'>): Sql {
  const from = fromCandidates(search, p);
  const { order, descending } = QUEUE_SORTS[p.sort];
  const keys = QUEUE_ORDERS[order];
  const walkDescending = p.reverse ? !descending : descending;
  const seek = seekOf(keys, walkDescending, p.seek);
  const by = keys.map((k) => `c.${k}${walkDescending ? ' DESC' : ''}`).join(', ');
  return {
    sql: `SELECT c.rowid AS rowid FROM ${from.sql}${seek.sql} ORDER BY ${by} LIMIT @limit OFFSET @offset`,
    params: { ...from.params, ...seek.params, limit: p.limit, offset: p.offset },
  };
}
