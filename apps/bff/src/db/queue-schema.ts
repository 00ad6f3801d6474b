import { z } from 'zod';
import type { CaseQueueFilters, CaseSort } from '@kyc-review/contracts';
import type { Db } from './open-database';
import { columnDimension, dueDayDimension, ensureCountTables, type CountTable } from './queue-counts-schema';

// The queue's indexes and its per-status counts, derived from two lists below instead of
// written out in migrations, so a new filter or sort order is one line here and its indexes,
// its counts and its EXPLAIN QUERY PLAN tests follow (docs/decisions/019).
//
// Every index is (installed_app_id, listed, <filter column>?, <order keys>): a page is a
// walk of one index from a seek position (keyset) with no sort step, and the filter is an
// equality on the index's prefix. A page with two filters walks the index of the narrower
// one (read from the counts) and checks the other on each row.

/**
 * The queue's equality filters: the value a query asks for (undefined: not filtered), the
 * `kyc_cases` column it is compared with (with its collation), and whether it is `counted`:
 * a dimension of `kyc_case_counts`, so the total of any combination of counted filters is a
 * sum over that small table (a filter that is not counted has its total counted over its own
 * index range), and whether it is `indexed`: one index per order, led by the filter, so a page
 * of a rare value is a short walk. A filter that is not indexed (a few values, none rare:
 * a type, a risk band, never reviewed) is a trailing column of each order's unfiltered index,
 * checked on the entries walked without reading the table; every index costs every case
 * write (decision 019). Adding a filter is one line here (its column and query field exist
 * already): its indexes are created at start-up and queue-plans.test.ts asserts their plans.
 */
export const QUEUE_FILTERS = {
  status: filter({
    column: 'status',
    counted: true,
    indexed: true,
    value: (q) => (q.status === 'never_reviewed' ? undefined : q.status),
  }),
  never_reviewed: filter({
    column: 'never_reviewed',
    counted: true,
    indexed: false,
    value: (q) => (q.status === 'never_reviewed' ? 1 : undefined),
  }),
  risk_level: filter({ column: 'risk_level', counted: true, indexed: false, value: (q) => q.risk_level }),
  identity_type: filter({ column: 'identity_type', counted: true, indexed: false, value: (q) => q.identity_type }),
  country: filter({
    column: 'country COLLATE NOCASE',
    counted: true,
    indexed: true,
    value: (q) => (q.country === '' ? undefined : q.country),
  }),
  // `me` is resolved to the reviewer's id by the service; '' is "unassigned" (migration 0015).
  // Counted: unassigned is most of the install, so its total must not be a range count.
  assignee: filter({
    column: 'assignee_id',
    counted: true,
    indexed: true,
    value: (q) => (q.assignee === undefined ? undefined : q.assignee === 'none' ? '' : q.assignee),
  }),
  // Cases with a first approval waiting for the second (migration 0022, a generated column):
  // a rare value, so its own indexes (a short walk) as this list's rule says, at the price of
  // four more index entries per case write; carried instead, a page of the view would read
  // every listed case's row (a generated column in an index is not covering).
  second_approval: filter({
    column: 'awaiting_second',
    counted: false,
    indexed: true,
    value: (q) => (q.second_approval === 'awaiting' ? 1 : undefined),
  }),
};
export type QueueFilterName = keyof typeof QUEUE_FILTERS;

/**
 * The key orders a page can be walked in, each ending with identity_id so every key is
 * unique (a keyset cursor needs that). All ascending: a descending sort walks the index
 * backwards, so both directions of one key share an index.
 */
export const QUEUE_ORDERS = {
  risk: ['risk_score', 'identity_created_at', 'identity_id'],
  created: ['identity_created_at', 'identity_id'],
  updated: ['updated_at', 'identity_id'],
  // Oldest due first; a case nobody waits for is due 9999-12-31 (migration 0016), last.
  due: ['due_at', 'identity_id'],
} as const satisfies Record<string, readonly string[]>;
export type QueueOrderName = keyof typeof QUEUE_ORDERS;

/** Each sort the API offers: which key order, walked which way. */
export const QUEUE_SORTS: Readonly<Record<CaseSort, { order: QueueOrderName; descending: boolean }>> = {
  risk_desc: { order: 'risk', descending: true },
  created_at_desc: { order: 'created', descending: true },
  created_at_asc: { order: 'created', descending: false },
  updated_at_desc: { order: 'updated', descending: true },
  due_at_asc: { order: 'due', descending: false },
};

type QueueFilter = {
  readonly column: string;
  readonly counted: boolean;
  readonly indexed: boolean;
  readonly value: (q: CaseQueueFilters) => string | number | undefined;
};

/** Types an entry as a QueueFilter (so `counted` and `indexed` are booleans, not the literals written). */
function filter(f: QueueFilter): QueueFilter {
  return f;
}

const PREFIX = 'kyc_cases_q_';

/** The name of the index that serves `filter` (or none) in `order`. */
export const queueIndexName = (filter: QueueFilterName | null, order: QueueOrderName) =>
  `${PREFIX}${filter ?? 'all'}_${order}`;

const FILTER_NAMES = Object.keys(QUEUE_FILTERS) as QueueFilterName[];
/** The filters with indexes of their own; the others are checked on the unfiltered index. */
export const INDEXED_FILTERS = FILTER_NAMES.filter((f) => QUEUE_FILTERS[f].indexed);
/**
 * Carried by every queue index after the order's keys (bare names: they are only compared), so
 * a page that adds one of them to an indexed filter (new cases of one type) checks it on the
 * entries walked instead of reading each row (session 6: 58 ms at 100k before, decision 019).
 */
const CARRIED = FILTER_NAMES.filter((f) => !QUEUE_FILTERS[f].indexed).map((f) => QUEUE_FILTERS[f].column);

/** Every queue index as `CREATE INDEX` text (exactly as sqlite_master keeps it). */
export function queueIndexes(): ReadonlyMap<string, string> {
  const indexes = new Map<string, string>();
  for (const filter of [null, ...INDEXED_FILTERS])
    for (const [order, keys] of Object.entries(QUEUE_ORDERS) as [QueueOrderName, readonly string[]][]) {
      const name = queueIndexName(filter, order);
      const columns = [
        'installed_app_id',
        'listed',
        ...(filter === null ? [...keys, ...CARRIED] : [QUEUE_FILTERS[filter].column, ...keys, ...CARRIED]),
      ];
      indexes.set(name, `CREATE INDEX ${name} ON kyc_cases (${columns.join(', ')})`);
    }
  return indexes;
}

/**
 * The kept counts (db/queue-counts-schema.ts). `byFilters` holds the listed cases per
 * combination of the counted filters: the total of any combination of them, and every status
 * tab, is a sum over it. `byDueDay` holds them per assignee, status, never reviewed and the
 * day they are due: "open" and "overdue" (a bound on due_at) are a sum over the days before
 * the bound's day plus a count of that day's cases alone (decision 019).
 */
const COUNTED = FILTER_NAMES.filter((f) => QUEUE_FILTERS[f].counted);
/** The filters `byDueDay` counts with the due day. */
export const DUE_COUNTED: readonly QueueFilterName[] = ['status', 'never_reviewed', 'risk_level', 'assignee'];
/** The filters `bySecondApproval` counts (with who gave the first approval). */
export const SECOND_COUNTED: readonly QueueFilterName[] = ['status', 'never_reviewed', 'second_approval'];
export const COUNT_TABLES = {
  byFilters: { name: 'kyc_case_counts', dimensions: COUNTED.map((f) => columnDimension(QUEUE_FILTERS[f].column)) },
  byDueDay: {
    name: 'kyc_case_due_counts',
    dimensions: [...DUE_COUNTED.map((f) => columnDimension(QUEUE_FILTERS[f].column)), dueDayDimension],
  },
  // "Awaiting my second approval": the cases waiting, by who gave the first approval (both
  // generated from pending_approval, migration 0022), so the view's total and tabs are a sum.
  bySecondApproval: {
    name: 'kyc_case_second_counts',
    dimensions: [
      ...SECOND_COUNTED.filter((f) => f !== 'second_approval').map((f) => columnDimension(QUEUE_FILTERS[f].column)),
      columnDimension('awaiting_second', ['pending_approval']),
      columnDimension('first_approver_id', ['pending_approval']),
    ],
  },
} as const satisfies Record<string, CountTable>;
/** A filter's bare column name (its collation left out). */
const bareColumn = (f: QueueFilterName) => QUEUE_FILTERS[f].column.replace(/\s.*$/, '');

const ColumnRow = z.object({ name: z.string() });
const SchemaRow = z.object({ type: z.string(), name: z.string(), sql: z.string().nullable() });

const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/**
 * Brings the queue's derived schema in line with the lists above: creates missing indexes,
 * re-creates changed ones, drops queue indexes no list names any more, and (re)creates the
 * counts table and triggers, recounting when any of them was missing or different. Called
 * by `migrate`, in its transaction. A schema without kyc_cases (a test's own migrations)
 * has no queue and is left alone.
 */
export function ensureQueueSchema(db: Db): { created: string[]; dropped: string[]; recounted: boolean } {
  const existing = new Map(
    db
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')`)
      .all()
      .map((raw) => SchemaRow.parse(raw))
      .map((r) => [r.name, r] as const),
  );
  if (!existing.has('kyc_cases')) return { created: [], dropped: [], recounted: false };
  // A schema migrated only part of the way (a migration test) may lack a filter's column
  // (table_xinfo: generated columns count too):
  // its queue is derived once the migrations that add the columns have run.
  const have = new Set(
    db
      .prepare('SELECT name FROM pragma_table_xinfo(?)')
      .all('kyc_cases')
      .map((r) => ColumnRow.parse(r).name),
  );
  const needed = [...FILTER_NAMES.map(bareColumn), 'first_approver_id', ...Object.values(QUEUE_ORDERS).flat()];
  if (needed.some((c) => !have.has(c))) return { created: [], dropped: [], recounted: false };
  const created: string[] = [];
  const dropped: string[] = [];
  const wanted = queueIndexes();
  for (const [name, row] of existing)
    if (row.type === 'index' && name.startsWith(PREFIX) && !wanted.has(name)) {
      db.exec(`DROP INDEX ${name}`);
      dropped.push(name);
    }
  for (const [name, sql] of wanted) {
    const have = existing.get(name)?.sql;
    if (have !== undefined && have !== null && squash(have) === squash(sql)) continue;
    if (have !== undefined) db.exec(`DROP INDEX ${name}`);
    db.exec(sql);
    created.push(name);
  }

  const recounted = ensureCountTables(db, Object.values(COUNT_TABLES));
  return { created, dropped, recounted: recounted.length > 0 };
}
