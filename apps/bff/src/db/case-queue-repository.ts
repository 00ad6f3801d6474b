import { z } from 'zod';
import {
  CaseStatus,
  RiskLevel,
  type CaseQueueFilters,
  type CaseQueueQuery,
  type CaseSummaryDto,
} from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';
import {
  QUEUE_FILTERS,
  QUEUE_ORDERS,
  QUEUE_SORTS,
  queueIndexName,
  type QueueFilterName,
  type QueueOrderName,
} from './queue-schema';

// The queue: the listed cases of an install, filtered, sorted and paged in SQL on one
// table. Every page walks one index of db/queue-schema.ts from a seek position, with no
// sort step; totals and per-status counts come from kyc_case_counts, kept by triggers in
// the same transaction as the case (docs/decisions/011 and 019).

/** A key of the page's order (one value per key column), as a keyset cursor carries it. */
export type QueueKey = readonly (string | number)[];
/** Where a page starts: the rows after a key (next page) or before it (previous page). */
export type QueueSeek = { readonly direction: 'after' | 'before'; readonly key: QueueKey };

export type QueuePage = {
  readonly items: CaseSummaryDto[];
  readonly total: number;
  /** The order keys of the page's first and last rows (null when empty), for cursors. */
  readonly firstKey: QueueKey | null;
  readonly lastKey: QueueKey | null;
};

const KEY_COLUMNS = [...new Set(Object.values(QUEUE_ORDERS).flat())];
const KeyValue = z.union([z.string(), z.number()]);
const KeyRow = z.record(z.string(), z.unknown());

const SummaryRow = z.object({
  identity_id: z.string(),
  display_name: z.string(),
  identity_type: z.string(),
  country: z.string(),
  created_at: z.string(),
  status: CaseStatus,
  risk_level: RiskLevel,
  risk_score: z.number(),
  top_reasons: z.string(),
  open_hits: z.number().int(),
  sync_pending: z.number().int(),
  assignee_name: z.string().nullable(),
  due_at: z.string(),
  updated_at: z.string(),
});
const Reasons = z.array(z.string());
const RowidRow = z.object({ rowid: z.number().int() });
const CountRow = z.object({ status: z.string(), n: z.number().int() });
const Total = z.object({ n: z.number().int().nullable() });

/** LIKE with the user's text taken literally. */
const likeLiteral = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

type Active = { readonly name: QueueFilterName; readonly value: string | number };

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
 * `overdue=true` and `open=true` as a bound on due_at: now (from the service's clock), or
 * NOT_DUE, which every case still waiting for someone is before.
 */
export const dueBeforeOf = (q: Pick<CaseQueueFilters, 'overdue' | 'open'>, now: string): string | null =>
  q.overdue === 'true' ? now : q.open === 'true' ? NOT_DUE : null;

/** What one page query needs: the filters, the search text, the sort, where to start, how many. */
export type QueuePlanInput = {
  readonly filters: readonly Active[];
  /** Only cases due before this time (the overdue view); null: any. */
  readonly dueBefore: string | null;
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

type Sql = { sql: string; params: Record<string, string | number> };

/** The WHERE of a queue statement: the install's listed cases, the filters, the search. */
function matching(p: Pick<QueuePlanInput, 'filters' | 'search' | 'dueBefore'>): Sql {
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
  if (p.search !== null) {
    clauses.push("search_text LIKE @q ESCAPE '\\'");
    params['q'] = likeLiteral(p.search);
  }
  return { sql: clauses.join(' AND '), params };
}

/** The queue's filters as SQL; exports reuse them so a CSV holds exactly what the queue shows. */
export function whereOf(installedAppId: string, q: CaseQueueFilters, now: string): Sql {
  const where = matching({
    filters: activeFilters(q),
    search: q.q === undefined || q.q === '' ? null : q.q,
    dueBefore: dueBeforeOf(q, now),
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

/** Counting the rows themselves: only for a search or a filter the counts table does not know. */
export function countSql(p: Pick<QueuePlanInput, 'filters' | 'search' | 'driving' | 'dueBefore'>): Sql {
  const where = matching(p);
  // The search index is narrow: counting a search scans it rather than the filter's index;
  // overdue cases alone are a range of the due-date index.
  const index =
    p.search !== null && p.filters.length === 0
      ? 'kyc_cases_search'
      : p.dueBefore !== null && p.filters.length === 0
        ? queueIndexName(null, 'due')
        : queueIndexName(p.driving, 'risk');
  return { sql: `SELECT COUNT(*) AS n FROM kyc_cases INDEXED BY ${index} WHERE ${where.sql}`, params: where.params };
}

export type CaseQueueRepository = ReturnType<typeof createCaseQueueRepository>;

export function createCaseQueueRepository(db: Db) {
  const row = db.prepare(`SELECT identity_id, display_name, identity_type, country, identity_created_at AS created_at,
      status, risk_level, risk_score, top_reasons, open_hits, updated_at, due_at, ${KEY_COLUMNS.map((k) => `${k} AS key_${k}`).join(', ')},
      EXISTS (SELECT 1 FROM kyc_outbox o WHERE o.installed_app_id = c.installed_app_id AND o.case_id = c.case_id
        AND o.state IN ('pending', 'failing')) AS sync_pending,
      (SELECT r.display_name FROM reviewers r WHERE r.installed_app_id = c.installed_app_id
        AND r.reviewer_id = c.assignee_id) AS assignee_name
    FROM kyc_cases c WHERE c.rowid = ?`);
  const counts = db.prepare(
    'SELECT status, SUM(n) AS n FROM kyc_case_counts WHERE installed_app_id = ? GROUP BY status',
  );
  const neverReviewed = db.prepare(
    'SELECT SUM(n) AS n FROM kyc_case_counts WHERE installed_app_id = ? AND never_reviewed = 1',
  );
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  /** Statements differ only by which filters are present: a few dozen shapes, each prepared once. */
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (s === undefined) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };

  const where = (install: string, filters: readonly Active[]) => ({
    sql: ['installed_app_id = @install', ...filters.map((f) => `${QUEUE_FILTERS[f.name].column} = @f_${f.name}`)].join(
      ' AND ',
    ),
    params: { install, ...Object.fromEntries(filters.map((f) => [`f_${f.name}`, f.value])) },
  });

  /** Listed cases matching counted filters, from the counts table: a sum over a few hundred rows. */
  function countedTotal(install: string, filters: readonly Active[]): number {
    const w = where(install, filters);
    return Total.parse(prepared(`SELECT SUM(n) AS n FROM kyc_case_counts WHERE ${w.sql}`).get(w.params)).n ?? 0;
  }

  /** The filter with the fewest cases: its index is walked, the others are checked per row. */
  function drivingFilter(install: string, filters: readonly Active[]): QueueFilterName | null {
    if (filters.length <= 1) return filters[0]?.name ?? null;
    // A filter the counts do not know is taken as the narrowest (an assignee, a due date).
    const uncounted = filters.find((f) => !QUEUE_FILTERS[f.name].counted);
    if (uncounted !== undefined) return uncounted.name;
    let best: { name: QueueFilterName; n: number } | null = null;
    for (const f of filters) {
      const n = countedTotal(install, [f]);
      if (best === null || n < best.n) best = { name: f.name, n };
    }
    return best?.name ?? null;
  }

  function total(
    install: string,
    filters: readonly Active[],
    search: string | null,
    driving: QueueFilterName | null,
    dueBefore: string | null,
  ) {
    if (search === null && dueBefore === null && filters.every((f) => QUEUE_FILTERS[f.name].counted))
      return countedTotal(install, filters);
    const { sql, params } = countSql({ filters, search, driving, dueBefore });
    return Total.parse(prepared(sql).get({ ...params, install })).n ?? 0;
  }

  function readRows(rowids: readonly number[], order: QueueOrderName, now: string) {
    return rowids.map((rowid) => {
      const raw = row.get(rowid);
      const r = SummaryRow.parse(raw);
      const keyRow = KeyRow.parse(raw);
      const key = QUEUE_ORDERS[order].map((k) => KeyValue.parse(keyRow[`key_${k}`]));
      const item: CaseSummaryDto = {
        identity_id: r.identity_id,
        display_name: r.display_name,
        identity_type: r.identity_type,
        country: r.country,
        created_at: r.created_at,
        status: r.status,
        risk_level: r.risk_level,
        risk_score: r.risk_score,
        top_reasons: parseJsonColumn(Reasons, r.top_reasons, 'kyc_cases.top_reasons').slice(0, 3),
        open_hits: r.open_hits,
        sync_pending: r.sync_pending === 1,
        assignee_name: r.assignee_name,
        due_at: r.due_at === NOT_DUE ? null : r.due_at,
        overdue: r.due_at < now,
        updated_at: r.updated_at,
      };
      return { item, key };
    });
  }

  return {
    /**
     * One page. With a seek it starts after (or before) that key, whatever the page
     * number; without one it skips (page - 1) * pageSize rows, from whichever end of the
     * order is nearer, so the last pages cost what the first ones do.
     */
    page(install: string, q: CaseQueueQuery, seek: QueueSeek | null, now: string): QueuePage {
      const filters = activeFilters(q);
      const search = q.q === undefined || q.q === '' ? null : q.q;
      const dueBefore = dueBeforeOf(q, now);
      const driving = drivingFilter(install, filters);
      const n = total(install, filters, search, driving, dueBefore);
      const walk = (part: Pick<QueuePlanInput, 'seek' | 'reverse' | 'limit' | 'offset'>) => {
        const { sql, params } = pageRowidsSql({ filters, driving, search, dueBefore, sort: q.sort, ...part });
        const rowids = prepared(sql)
          .all({ ...params, install })
          .map((r) => RowidRow.parse(r).rowid);
        return part.reverse ? rowids.reverse() : rowids;
      };
      const offset = (q.page - 1) * q.pageSize;
      let rowids: number[];
      if (seek !== null)
        rowids = walk({ seek: seek.key, reverse: seek.direction === 'before', limit: q.pageSize, offset: 0 });
      else if (offset >= n) rowids = [];
      else if (offset > n / 2) {
        // Nearer the end: skip from there, walking the other way, and turn the rows round.
        const limit = Math.min(q.pageSize, n - offset);
        rowids = walk({ seek: null, reverse: true, limit, offset: n - offset - limit });
      } else rowids = walk({ seek: null, reverse: false, limit: q.pageSize, offset });
      const rows = readRows(rowids, QUEUE_SORTS[q.sort].order, now);
      return {
        items: rows.map((r) => r.item),
        total: n,
        firstKey: rows[0]?.key ?? null,
        lastKey: rows.at(-1)?.key ?? null,
      };
    },
    /** One entry per status (zero when none) plus never_reviewed, over the whole install. */
    counts(install: string): Record<string, number> {
      const result: Record<string, number> = Object.fromEntries(CaseStatus.options.map((s) => [s, 0]));
      for (const raw of counts.all(install)) {
        const r = CountRow.parse(raw);
        result[r.status] = r.n;
      }
      result['never_reviewed'] = Total.parse(neverReviewed.get(install)).n ?? 0;
      return result;
    },
  };
}
