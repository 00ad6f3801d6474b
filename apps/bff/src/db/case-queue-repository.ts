import { z } from 'zod';
import { CaseStatus, RiskLevel, type CaseQueueFilters, type CaseQueueQuery } from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';
import {
  NOT_DUE,
  pageRowidsSql,
  searchPageSql,
  type Asker,
  type QueueKey,
  type QueuePlanInput,
  type QueueSeek,
} from './queue-plan';
import { QUEUE_ORDERS, QUEUE_SORTS, type QueueOrderName } from './queue-schema';
import { SEARCH_CANDIDATES_MAX } from './queue-search';
import { createQueueTotals, narrowingOf, totalOfTabs, type QueueFigures } from './queue-totals';
import type { QueueItem } from '../services/queue-item';

// The queue: the listed cases of an install, filtered, sorted and paged in SQL on one
// table. Every page walks one index of db/queue-schema.ts from a seek position, with no
// sort step (the statements are in db/queue-plan.ts); totals and per-status counts come from
// kyc_case_counts, kept by triggers in the same transaction as the case (docs/decisions/011
// and 019). A search reads its candidates from its own index (db/queue-search.ts): with few,
// it sorts them; with more, it walks the sort's index as any view does and checks each row.
// Rows come back as the services' QueueItem; services/queue-item.ts maps the DTO.

/** The most rows a page asked for by number alone skips (OFFSET), counted from the nearer end of its view. */
export const OFFSET_MAX = 10_000;

/**
 * The page served for a number asked without a cursor (decision 019): as asked when it lies
 * within OFFSET_MAX rows of either end of the view (of its start only, when the total is a lower
 * bound) or past its end; otherwise the nearest page that does. Deeper pages are reached by
 * cursor (Next and Previous), a seek that costs what the first page does; the answer's `page`
 * says which page it is.
 */
export function reachablePage(asked: number, pageSize: number, total: number, exact: boolean): number {
  const before = (asked - 1) * pageSize;
  if (before <= OFFSET_MAX || (exact && before >= total)) return asked;
  const deepestFromStart = Math.floor(OFFSET_MAX / pageSize) + 1;
  if (!exact) return deepestFromStart;
  if (total - asked * pageSize <= OFFSET_MAX) return asked;
  const deepestFromEnd = Math.ceil((total - OFFSET_MAX) / pageSize);
  return asked - deepestFromStart <= deepestFromEnd - asked ? deepestFromStart : deepestFromEnd;
}

export type QueuePage = {
  readonly items: QueueItem[];
  /** The page served: as asked, or the nearest reachable by number (`reachablePage`). */
  readonly page: number;
  /** How many cases the view holds (a lower bound when `figures.exact` is false). */
  readonly total: number;
  /** Its status tabs, counted with the other filters (the status filter aside). */
  readonly figures: QueueFigures;
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

export type CaseQueueRepository = ReturnType<typeof createCaseQueueRepository>;

export function createCaseQueueRepository(db: Db) {
  const row = db.prepare(`SELECT identity_id, display_name, identity_type, country, identity_created_at AS created_at,
      status, risk_level, risk_score, top_reasons, open_hits, updated_at, due_at, ${KEY_COLUMNS.map((k) => `${k} AS key_${k}`).join(', ')},
      EXISTS (SELECT 1 FROM kyc_outbox o WHERE o.installed_app_id = c.installed_app_id AND o.case_id = c.case_id
        AND o.state IN ('pending', 'failing')) AS sync_pending,
      (SELECT r.display_name FROM reviewers r WHERE r.installed_app_id = c.installed_app_id
        AND r.reviewer_id = c.assignee_id) AS assignee_name
    FROM kyc_cases c WHERE c.rowid = ?`);
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

  const totals = createQueueTotals(prepared);

  function readRows(rowids: readonly number[], order: QueueOrderName) {
    return rowids.map((rowid) => {
      const raw = row.get(rowid);
      const r = SummaryRow.parse(raw);
      const keyRow = KeyRow.parse(raw);
      const key = QUEUE_ORDERS[order].map((k) => KeyValue.parse(keyRow[`key_${k}`]));
      const item: QueueItem = {
        identityId: r.identity_id,
        displayName: r.display_name,
        identityType: r.identity_type,
        country: r.country,
        createdAt: r.created_at,
        status: r.status,
        riskLevel: r.risk_level,
        riskScore: r.risk_score,
        topReasons: parseJsonColumn(Reasons, r.top_reasons, 'kyc_cases.top_reasons').slice(0, 3),
        openHits: r.open_hits,
        syncPending: r.sync_pending === 1,
        assigneeName: r.assignee_name,
        dueAt: r.due_at === NOT_DUE ? null : r.due_at,
        updatedAt: r.updated_at,
      };
      return { item, key };
    });
  }

  return {
    /**
     * One page. With a seek it starts after (or before) that key, whatever the page
     * number; without one it skips (page - 1) * pageSize rows, from whichever end of the
     * order is nearer, so the last pages cost what the first ones do, and no more than
     * OFFSET_MAX of them (`reachablePage`).
     */
    page(install: string, q: CaseQueueQuery & Asker, seek: QueueSeek | null, now: string): QueuePage {
      const narrowing = narrowingOf(q, now);
      const driving = totals.drivingFilter(install, narrowing.filters);
      const figures = totals.figures(install, q, now);
      const search = narrowing.search;
      const n = search === null ? totals.total(install, narrowing, driving) : totalOfTabs(figures.counts, q.status);
      // A search with no more candidates than it reads sorts them all; otherwise the sort's index is walked.
      const sortCandidates = search !== null && figures.exact;
      const walk = (part: Pick<QueuePlanInput, 'seek' | 'reverse' | 'limit' | 'offset'>) => {
        const { sql, params } = sortCandidates
          ? searchPageSql(search, { ...narrowing, sort: q.sort, ...part })
          : pageRowidsSql({ ...narrowing, driving, sort: q.sort, ...part });
        const rowids = prepared(sql)
          .all({ ...params, install, candidates: SEARCH_CANDIDATES_MAX })
          .map((r) => RowidRow.parse(r).rowid);
        return part.reverse ? rowids.reverse() : rowids;
      };
      const served = seek === null ? reachablePage(q.page, q.pageSize, n, figures.exact) : q.page;
      const offset = (served - 1) * q.pageSize;
      let rowids: number[];
      if (seek !== null)
        rowids = walk({ seek: seek.key, reverse: seek.direction === 'before', limit: q.pageSize, offset: 0 });
      else if (figures.exact && offset >= n) rowids = [];
      else if (figures.exact && offset > n / 2) {
        // Nearer the end: skip from there, walking the other way, and turn the rows round.
        const limit = Math.min(q.pageSize, n - offset);
        rowids = walk({ seek: null, reverse: true, limit, offset: n - offset - limit });
      } else rowids = walk({ seek: null, reverse: false, limit: q.pageSize, offset });
      const rows = readRows(rowids, QUEUE_SORTS[q.sort].order);
      return {
        items: rows.map((r) => r.item),
        page: served,
        total: n,
        figures,
        firstKey: rows[0]?.key ?? null,
        lastKey: rows.at(-1)?.key ?? null,
      };
    },
    /** The status tabs' counts under the other active filters (db/queue-totals.ts). */
    counts: (install: string, q: CaseQueueFilters & Asker, now: string): Record<string, number> =>
      totals.figures(install, q, now).counts,
  };
}
