import { z } from 'zod';
import type { CaseQueueFilters } from '@kyc-review/contracts';
import { whereOf } from './queue-plan';
import type { Db } from './open-database';

// Exports read in keyset chunks: each chunk is one short statement, so no statement stays
// open across the awaits of a slow download (better-sqlite3 keeps the connection busy
// while an iterator is open) and memory holds one chunk, not the whole export.

export const QueueExportRow = z.object({
  identity_id: z.string(),
  display_name: z.string(),
  identity_type: z.string(),
  country: z.string(),
  status: z.string(),
  risk_level: z.string(),
  risk_score: z.number(),
  open_hits: z.number().int(),
  top_reasons: z.string(),
  identity_created_at: z.string(),
  updated_at: z.string(),
});
export type QueueExportRow = z.infer<typeof QueueExportRow>;

export const AuditExportRow = z.object({
  audit_id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actor_name: z.string().nullable(),
  actor_cloud_user_id: z.string().nullable(),
  action: z.string(),
  identity_id: z.string().nullable(),
  case_id: z.string().nullable(),
  reason: z.string().nullable(),
  before_state: z.string().nullable(),
  after_state: z.string().nullable(),
  request_id: z.string().nullable(),
});
export type AuditExportRow = z.infer<typeof AuditExportRow>;

export type AuditCursor = { readonly at: string; readonly auditId: number };
/** A date range and the newest audit id taken when the export began (rows written later are left out). */
export type AuditRange = { readonly from: string; readonly to: string; readonly upTo: number };

export type ExportRepository = ReturnType<typeof createExportRepository>;

export function createExportRepository(db: Db) {
  const auditChunk =
    db.prepare(`SELECT audit_id, at, actor, actor_name, actor_cloud_user_id, action, identity_id, case_id, reason, before_state, after_state, request_id
    FROM kyc_audit WHERE installed_app_id = @install AND at >= @from AND at < @to AND audit_id <= @upTo
      AND (at, audit_id) > (@afterAt, @afterId)
    ORDER BY at, audit_id LIMIT @limit`);

  const lastAuditId = db.prepare('SELECT coalesce(max(audit_id), 0) FROM kyc_audit WHERE installed_app_id = ?').pluck();

  return {
    /** The newest audit row of the install: an audit export reads up to it, a snapshot of when it began. */
    lastAuditId(installedAppId: string): number {
      return z.number().int().parse(lastAuditId.get(installedAppId));
    },
    /** Up to `limit` listed cases matching the filters, in identity id order after `afterId`. */
    *queueChunk(installedAppId: string, filters: CaseQueueFilters, now: string, afterId: string, limit: number) {
      const where = whereOf(installedAppId, filters, now);
      const rows = db
        .prepare(
          `SELECT identity_id, display_name, identity_type, country, status, risk_level, risk_score, open_hits, top_reasons,
            identity_created_at, updated_at FROM kyc_cases c WHERE ${where.sql} AND identity_id > @after
            ORDER BY identity_id LIMIT @limit`,
        )
        .iterate({ ...where.params, after: afterId, limit });
      for (const raw of rows) yield QueueExportRow.parse(raw);
    },
    /** Up to `limit` audit rows with `from <= at < to` and ids up to `upTo`, in time order after the cursor. */
    *auditChunk(installedAppId: string, range: AuditRange, after: AuditCursor, limit: number) {
      const rows = auditChunk.iterate({
        install: installedAppId,
        ...range,
        afterAt: after.at,
        afterId: after.auditId,
        limit,
      });
      for (const raw of rows) yield AuditExportRow.parse(raw);
    },
  };
}
