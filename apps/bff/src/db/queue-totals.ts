import { z } from 'zod';
import { CaseStatus, type CaseQueueFilters } from '@kyc-review/contracts';
import type { Db } from './open-database';
import {
  activeFilters,
  countSql,
  searchTabsSql,
  tabCountsSql,
  dueBeforeOf,
  firstApproverNotOf,
  NOT_DUE,
  NOT_WAITING,
  type Active,
  type Asker,
} from './queue-plan';
import { COUNT_TABLES, DUE_COUNTED, QUEUE_FILTERS, SECOND_COUNTED, type QueueFilterName } from './queue-schema';
import { candidateCountSql, SEARCH_CANDIDATES_MAX, searchOf, type QueueSearch } from './queue-search';

// How many cases a queue view holds: its total and its status tabs (decisions 019 and 021).
// From the kept counts (db/queue-schema.ts COUNT_TABLES) whenever they hold the view's
// filters; otherwise counted over one index range, whose bound the decision records. A search
// counts its candidates' rows (db/queue-search.ts), at most SEARCH_CANDIDATES_MAX of them.

/** What narrows a queue view besides its order. */
export type Narrowing = {
  readonly filters: readonly Active[];
  readonly search: QueueSearch | null;
  /** Only cases due before this time (open: NOT_DUE; overdue: now); null: any. */
  readonly dueBefore: string | null;
  readonly firstApproverNot: string | null;
};

export const narrowingOf = (q: CaseQueueFilters & Asker, now: string): Narrowing => ({
  filters: activeFilters(q),
  search: searchOf(q.q),
  dueBefore: dueBeforeOf(q, now),
  firstApproverNot: firstApproverNotOf(q),
});

const Total = z.object({ n: z.number().int().nullable() });
const CountRow = z.object({ status: z.string(), n: z.number().int() });
const TabRow = CountRow.extend({ never_reviewed: z.number().int() });

/**
 * A view's status tabs (the status filter aside) and never_reviewed, and whether they are exact:
 * false for a search with more candidates than it reads, whose figures are then lower bounds.
 */
export type QueueFigures = { readonly counts: Record<string, number>; readonly exact: boolean };

/** A view's total from its tabs: the tab it shows, or all of them (never_reviewed is a part of new). */
export function totalOfTabs(counts: Record<string, number>, status: CaseQueueFilters['status']): number {
  if (status !== undefined) return counts[status] ?? 0;
  return CaseStatus.options.reduce((n, s) => n + (counts[s] ?? 0), 0);
}

/** Statements differ only by which filters are present: a few dozen shapes, each prepared once. */
export type Prepare = (sql: string) => ReturnType<Db['prepare']>;

type KeptTable = (typeof COUNT_TABLES)[keyof typeof COUNT_TABLES];

/**
 * How a view's total is read from the kept counts, if it can be: which table, the filters
 * compared with its key, open (the statuses nobody waits for left out) and, for `byDueDay`,
 * the bound's day (its days before that one are summed; that day's cases due before the
 * bound are counted over the due-date index).
 */
type Kept = {
  table: KeptTable;
  filters: readonly Active[];
  open: boolean;
  dueBefore: string | null;
  /** Leave out the cases whose first approval is this reviewer's (bySecondApproval only). */
  notBy?: string | null;
};

function keptOf(n: Narrowing): Kept | null {
  if (n.search !== null) return null;
  if (n.firstApproverNot !== null || n.filters.some((f) => f.name === 'second_approval'))
    return n.dueBefore === null && n.filters.every((f) => SECOND_COUNTED.includes(f.name))
      ? {
          table: COUNT_TABLES.bySecondApproval,
          filters: n.filters,
          open: false,
          dueBefore: null,
          notBy: n.firstApproverNot,
        }
      : null;
  const open = n.dueBefore === NOT_DUE;
  if (n.dueBefore === null || open)
    return n.filters.every((f) => QUEUE_FILTERS[f.name].counted)
      ? { table: COUNT_TABLES.byFilters, filters: n.filters, open, dueBefore: null }
      : null;
  return n.filters.every((f) => DUE_COUNTED.includes(f.name))
    ? { table: COUNT_TABLES.byDueDay, filters: n.filters, open: false, dueBefore: n.dueBefore }
    : null;
}

/** Grouped rows (status, never reviewed, n) added into `tabs`. */
function addTabs(tabs: Record<string, number>, rows: readonly unknown[]): Record<string, number> {
  tabs['never_reviewed'] = 0;
  for (const raw of rows) {
    const r = TabRow.parse(raw);
    tabs[r.status] = (tabs[r.status] ?? 0) + r.n;
    if (r.never_reviewed === 1) tabs['never_reviewed'] += r.n;
  }
  return tabs;
}

export function createQueueTotals(prepared: Prepare) {
  const sum = (sql: string, params: Record<string, string | number>) => Total.parse(prepared(sql).get(params)).n ?? 0;

  /** The kept statement's WHERE: the install, the filters, open, the days before the bound's. */
  function keptWhere(install: string, k: Kept) {
    const clauses = [
      'installed_app_id = @install',
      ...k.filters.map((f) => `${QUEUE_FILTERS[f.name].column} = @f_${f.name}`),
    ];
    const params: Record<string, string | number> = { install };
    for (const f of k.filters) params[`f_${f.name}`] = f.value;
    if (k.open) clauses.push(`status NOT IN (${NOT_WAITING.map((s) => `'${s}'`).join(', ')})`);
    if (k.notBy !== undefined && k.notBy !== null) {
      clauses.push('first_approver_id <> @first_approver_not');
      params['first_approver_not'] = k.notBy;
    }
    if (k.dueBefore !== null) {
      clauses.push('due_day < @day');
      params['day'] = k.dueBefore.slice(0, 10);
    }
    return { sql: clauses.join(' AND '), params };
  }

  /** The cases of the bound's own day due before it: a range of one day of the due-date index. */
  function boundDay(install: string, n: Narrowing, k: Kept, driving: QueueFilterName | null): number {
    if (k.dueBefore === null) return 0;
    const { sql, params } = countSql({ ...n, filters: k.filters, driving, dueFrom: k.dueBefore.slice(0, 10) });
    return sum(sql, { ...params, install });
  }

  function keptTotal(install: string, n: Narrowing, k: Kept, driving: QueueFilterName | null): number {
    const w = keptWhere(install, k);
    return sum(`SELECT SUM(n) AS n FROM ${k.table.name} WHERE ${w.sql}`, w.params) + boundDay(install, n, k, driving);
  }

  /** Listed cases matching counted filters, from `byFilters` (to choose the narrowest filter). */
  const countedTotal = (install: string, filters: readonly Active[]) =>
    keptTotal(
      install,
      { filters, search: null, dueBefore: null, firstApproverNot: null },
      {
        table: COUNT_TABLES.byFilters,
        filters,
        open: false,
        dueBefore: null,
      },
      null,
    );

  /**
   * The indexed filter with the fewest cases: its index is walked, the others are checked per
   * row; with no indexed filter, the order's unfiltered index, which carries the others.
   */
  function drivingFilter(install: string, all: readonly Active[]): QueueFilterName | null {
    const filters = all.filter((f) => QUEUE_FILTERS[f.name].indexed);
    if (filters.length <= 1) return filters[0]?.name ?? null;
    // A filter the counts do not know is taken as the narrowest (the second-approval view).
    const uncounted = filters.find((f) => !QUEUE_FILTERS[f.name].counted);
    if (uncounted !== undefined) return uncounted.name;
    let best: { name: QueueFilterName; n: number } | null = null;
    for (const f of filters) {
      const n = countedTotal(install, [f]);
      if (best === null || n < best.n) best = { name: f.name, n };
    }
    return best?.name ?? null;
  }

  /** A view's total: from the kept counts when they hold it, else counted over one index range. */
  /** Not of a search: its total is its tabs' (`figures`, `totalOfTabs`), from the same pass. */
  function total(install: string, n: Narrowing, driving: QueueFilterName | null): number {
    if (n.search !== null) throw new Error("a search's total comes from its figures");
    const k = keptOf(n);
    if (k !== null) return keptTotal(install, n, k, driving);
    const { sql, params } = countSql({ ...n, driving });
    return sum(sql, { ...params, install });
  }

  return {
    drivingFilter,
    total,
    /**
     * One entry per status tab (zero when none) plus never_reviewed: the cases each tab would
     * show with the other active filters (the status filter itself aside). From the kept
     * counts: one grouped read by status and one sum for never_reviewed (plus, under a due
     * bound, each tab's cases of the bound's day); otherwise one grouped pass over the index
     * the view's total walks. A search: one grouped pass over its candidates' rows, exact when it
     * has no more than SEARCH_CANDIDATES_MAX of them (else each figure is a lower bound).
     */
    figures(install: string, q: CaseQueueFilters & Asker, now: string): QueueFigures {
      const { status: _tab, ...others } = q;
      const rest = narrowingOf(others, now);
      const result: Record<string, number> = Object.fromEntries(CaseStatus.options.map((s) => [s, 0]));
      if (rest.search !== null) {
        // Its candidates, counted up to one past the most it reads, then one grouped pass over their rows.
        const bound = { install, candidates: SEARCH_CANDIDATES_MAX };
        const c = candidateCountSql(rest.search);
        const exact =
          sum(c.sql, { ...c.params, ...bound, candidates: SEARCH_CANDIDATES_MAX + 1 }) <= SEARCH_CANDIDATES_MAX;
        const { sql, params } = searchTabsSql(rest.search, rest);
        return { counts: addTabs(result, prepared(sql).all({ ...params, ...bound })), exact };
      }
      const k = keptOf(rest);
      if (k === null) {
        // One grouped pass over the index the view's total walks (its bound: decision 019).
        const { sql, params } = tabCountsSql({ ...rest, driving: drivingFilter(install, rest.filters) });
        return { counts: addTabs(result, prepared(sql).all({ ...params, install })), exact: true };
      }
      const w = keptWhere(install, k);
      for (const raw of prepared(`SELECT status, SUM(n) AS n FROM ${k.table.name} WHERE ${w.sql} GROUP BY status`).all(
        w.params,
      )) {
        const r = CountRow.parse(raw);
        result[r.status] = r.n;
      }
      const neverReviewed: Active = { name: 'never_reviewed', value: 1 };
      result['never_reviewed'] = keptTotal(install, rest, { ...k, filters: [...k.filters, neverReviewed] }, null);
      if (k.dueBefore !== null)
        for (const status of CaseStatus.options) {
          const filters = [...k.filters, { name: 'status' as const, value: status }];
          const n = { ...rest, filters };
          result[status] =
            (result[status] ?? 0) + boundDay(install, n, { ...k, filters }, drivingFilter(install, filters));
        }
      return { counts: result, exact: true };
    },
  };
}
