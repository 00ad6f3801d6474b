import { z } from 'zod';
import type { CaseQueueFilters } from '@kyc-review/contracts';
import type { AuditCursor, AuditExportRecord, AuditRange, QueueExportRecord } from '../services/export-record';
import { whereOf } from './queue-plan';
import { positional } from './sql/named';
import type { SqlExecutor } from './sql/sql';

// Exports read in keyset chunks on either engine (decision 022): each chunk is one short
// statement returning at most `limit` rows, so no statement stays open across the awaits of
// a slow download, memory holds one chunk, and the next chunk starts after the last row's key.

const QueueRow = z.object({
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

const AuditRow = z.object({
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

const toQueueRecord = (raw: unknown): QueueExportRecord => {
  const r = QueueRow.parse(raw);
  return {
    identityId: r.identity_id,
    displayName: r.display_name,
    identityType: r.identity_type,
    country: r.country,
    status: r.status,
    riskLevel: r.risk_level,
    riskScore: r.risk_score,
    openHits: r.open_hits,
    topReasons: r.top_reasons,
    identityCreatedAt: r.identity_created_at,
    updatedAt: r.updated_at,
  };
};

const toAuditRecord = (raw: unknown): AuditExportRecord => {
  const r = AuditRow.parse(raw);
  return {
    auditId: r.audit_id,
    at: r.at,
    actor: r.actor,
    actorName: r.actor_name,
    actorCloudUserId: r.actor_cloud_user_id,
    action: r.action,
    identityId: r.identity_id,
    caseId: r.case_id,
    reason: r.reason,
    beforeState: r.before_state,
    afterState: r.after_state,
    requestId: r.request_id,
  };
};

const LastId = z.object({ n: z.number().int() });

export type ExportRepository = ReturnType<typeof createExportRepository>;

export function createExportRepository(sql: SqlExecutor) {
  return {
    /** The newest audit row of the install: an audit export reads up to it, a snapshot of when it began. */
    async lastAuditId(installedAppId: string): Promise<number> {
      const row = await sql.one(
        'SELECT CAST(coalesce(max(audit_id), 0) AS BIGINT) AS n FROM kyc_audit WHERE installed_app_id = ?',
        [installedAppId],
      );
      return LastId.parse(row).n;
    },
    /**
     * Up to `limit` listed cases matching the queue's filters, in identity id order after
     * `afterId`. The filters are the queue's own SQL (`whereOf`), so a CSV holds exactly what
     * the queue shows.
     */
    async queueChunk(
      installedAppId: string,
      filters: CaseQueueFilters,
      now: string,
      afterId: string,
      limit: number,
    ): Promise<QueueExportRecord[]> {
      const where = whereOf(installedAppId, filters, now);
      const statement = positional(
        `SELECT identity_id, display_name, identity_type, country, status, risk_level, risk_score, open_hits, top_reasons,
          identity_created_at, updated_at FROM kyc_cases c WHERE ${where.sql} AND identity_id > @after
          ORDER BY identity_id LIMIT @limit`,
        { ...where.params, after: afterId, limit },
      );
      return (await sql.all(statement.text, statement.params)).map(toQueueRecord);
    },
    /** Up to `limit` audit rows with `from <= at < to` and ids up to `upTo`, in (at, id) order after the cursor. */
    async auditChunk(
      installedAppId: string,
      range: AuditRange,
      after: AuditCursor,
      limit: number,
    ): Promise<AuditExportRecord[]> {
      const rows = await sql.all(
        `SELECT audit_id, at, actor, actor_name, actor_cloud_user_id, action, identity_id, case_id, reason, before_state,
          after_state, request_id
        FROM kyc_audit WHERE installed_app_id = ? AND at >= ? AND at < ? AND audit_id <= ? AND (at, audit_id) > (?, ?)
        ORDER BY at, audit_id LIMIT ?`,
        [installedAppId, range.from, range.to, range.upTo, after.at, after.auditId, limit],
      );
      return rows.map(toAuditRecord);
    },
  };
}
