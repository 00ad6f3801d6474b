import { z } from 'zod';
import { AuditAction } from '@kyc-review/contracts';
import type { AuditEntry, AuditRecord } from '../services/audit-record';
import type { Db } from './open-database';
import type { SqlExecutor, SqlParam } from './sql/sql';

const Row = z.object({
  audit_id: z.number().int(),
  actor: z.string(),
  actor_name: z.string().nullable(),
  actor_cloud_user_id: z.string().nullable(),
  action: AuditAction,
  before_state: z.string().nullable(),
  after_state: z.string().nullable(),
  reason: z.string().nullable(),
  request_id: z.string().nullable(),
  at: z.string(),
});

const parseSnapshot = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function toRecord(raw: unknown): AuditRecord {
  const r = Row.parse(raw);
  return {
    auditId: r.audit_id,
    at: r.at,
    actor: { id: r.actor, name: r.actor_name, cloudUserId: r.actor_cloud_user_id },
    action: r.action,
    before: parseSnapshot(r.before_state),
    after: parseSnapshot(r.after_state),
    reason: r.reason,
    requestId: r.request_id,
  };
}

const APPEND = `INSERT INTO kyc_audit (installed_app_id, identity_id, case_id, actor, actor_name, actor_cloud_user_id,
    action, before_state, after_state, reason, request_id, at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const FOR_IDENTITY =
  'SELECT * FROM kyc_audit WHERE installed_app_id = ? AND identity_id = ? ORDER BY audit_id DESC LIMIT ?';

function appendParams(entry: AuditEntry): SqlParam[] {
  const actor = entry.actor;
  return [
    entry.installedAppId,
    entry.identityId,
    entry.caseId,
    actor === 'system' ? 'system' : actor.reviewerId,
    actor === 'system' ? null : actor.displayName,
    actor === 'system' ? null : actor.cloudUserId,
    entry.action,
    entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === null ? null : JSON.stringify(entry.after),
    entry.reason,
    entry.requestId,
    entry.at,
  ];
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

/**
 * The audit trail on either engine (decision 022). Append and read only: the database refuses
 * UPDATE and DELETE (SQLite's triggers of migration 0003, PostgreSQL's twin triggers).
 */
export function createAuditRepository(sql: SqlExecutor) {
  return {
    async append(entry: AuditEntry): Promise<void> {
      await sql.run(APPEND, appendParams(entry));
    },
    /** Newest first. */
    async forIdentity(installedAppId: string, identityId: string, limit: number): Promise<AuditRecord[]> {
      return (await sql.all(FOR_IDENTITY, [installedAppId, identityId, limit])).map(toRecord);
    },
  };
}

export type SyncAuditRepository = ReturnType<typeof createSyncAuditRepository>;

/**
 * SQLite only, until cases are async (decision 022): the review workflow appends its entries
 * inside its synchronous transactions, and the case history reads them. Same SQL and parser.
 */
export function createSyncAuditRepository(db: Db) {
  const append = db.prepare(APPEND);
  const forIdentity = db.prepare(FOR_IDENTITY);
  return {
    append(entry: AuditEntry): void {
      append.run(...appendParams(entry));
    },
    /** Newest first. */
    forIdentity(installedAppId: string, identityId: string, limit: number): AuditRecord[] {
      return forIdentity.all(installedAppId, identityId, limit).map(toRecord);
    },
  };
}
