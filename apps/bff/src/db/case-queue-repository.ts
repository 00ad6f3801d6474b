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

// The queue: the listed cases of an install, filtered, sorted and paged in SQL on one
// table with indexes, so a page stays fast with 100 000 identities (docs/decisions/011).

const ORDER: Record<CaseQueueQuery['sort'], string> = {
  risk_desc: 'risk_score DESC, identity_created_at DESC, identity_id',
  // Tie-breakers follow the main direction so the index is walked backwards, not sorted.
  created_at_desc: 'identity_created_at DESC, identity_id DESC',
  created_at_asc: 'identity_created_at ASC, identity_id',
  updated_at_desc: 'updated_at DESC, identity_id DESC',
};

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
  updated_at: z.string(),
});
const Reasons = z.array(z.string());
const CountRow = z.object({ status: z.string(), n: z.number().int() });
const Total = z.object({ n: z.number().int() });

/** LIKE with the user's text taken literally. */
const likeLiteral = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The queue's filters as SQL; exports reuse them so a CSV holds exactly what the queue shows. */
export function whereOf(installedAppId: string, q: CaseQueueFilters): { sql: string; params: Record<string, string> } {
  const clauses = ['installed_app_id = @install', 'listed = 1'];
  const params: Record<string, string> = { install: installedAppId };
  if (q.status === 'never_reviewed') clauses.push('never_reviewed = 1');
  else if (q.status !== undefined) {
    clauses.push('status = @status');
    params['status'] = q.status;
  }
  if (q.risk_level !== undefined) {
    clauses.push('risk_level = @risk_level');
    params['risk_level'] = q.risk_level;
  }
  if (q.identity_type !== undefined) {
    clauses.push('identity_type = @identity_type');
    params['identity_type'] = q.identity_type;
  }
  if (q.country !== undefined && q.country !== '') {
    clauses.push('country = @country COLLATE NOCASE');
    params['country'] = q.country;
  }
  if (q.q !== undefined && q.q !== '') {
    clauses.push("search_text LIKE @q ESCAPE '\\'");
    params['q'] = likeLiteral(q.q);
  }
  return { sql: clauses.join(' AND '), params };
}

export type CaseQueueRepository = ReturnType<typeof createCaseQueueRepository>;

export function createCaseQueueRepository(db: Db) {
  const FROM = 'FROM kyc_cases c';
  const counts = db.prepare(
    `SELECT status, COUNT(*) AS n ${FROM} WHERE installed_app_id = ? AND listed = 1 GROUP BY status`,
  );
  const neverReviewed = db.prepare(
    `SELECT COUNT(*) AS n ${FROM} WHERE installed_app_id = ? AND listed = 1 AND never_reviewed = 1`,
  );

  return {
    page(installedAppId: string, q: CaseQueueQuery): { items: CaseSummaryDto[]; total: number } {
      const where = whereOf(installedAppId, q);
      // A deferred join: the page's rowids are chosen from the narrow sort keys alone, then
      // only those rows are read in full. Sorting and skipping whole rows (with the outbox
      // lookup) made a deep page of 100 000 cases ten times slower than the first.
      const pageRowids = `SELECT rowid ${FROM} WHERE ${where.sql} ORDER BY ${ORDER[q.sort]} LIMIT @limit OFFSET @offset`;
      const total = Total.parse(db.prepare(`SELECT COUNT(*) AS n ${FROM} WHERE ${where.sql}`).get(where.params)).n;
      const rows = db
        .prepare(
          `SELECT identity_id, display_name, identity_type, country, identity_created_at AS created_at, status, risk_level, risk_score,
             top_reasons, open_hits, updated_at,
             EXISTS (SELECT 1 FROM kyc_outbox o WHERE o.installed_app_id = c.installed_app_id AND o.case_id = c.case_id
               AND o.state IN ('pending', 'failing')) AS sync_pending
           ${FROM} WHERE c.rowid IN (${pageRowids}) ORDER BY ${ORDER[q.sort]}`,
        )
        .all({ ...where.params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const items = rows.map((raw) => {
        const r = SummaryRow.parse(raw);
        return {
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
          updated_at: r.updated_at,
        };
      });
      return { items, total };
    },
    /** One entry per status (zero when none) plus never_reviewed, over the whole install. */
    counts(installedAppId: string): Record<string, number> {
      const result: Record<string, number> = Object.fromEntries(CaseStatus.options.map((s) => [s, 0]));
      for (const raw of counts.all(installedAppId)) {
        const row = CountRow.parse(raw);
        result[row.status] = row.n;
      }
      result['never_reviewed'] = Total.parse(neverReviewed.get(installedAppId)).n;
      return result;
    },
  };
}
