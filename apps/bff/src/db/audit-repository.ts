import { z } from 'zod';
import { AuditAction } from '@kyc-review/contracts';
import type { AuditEntry, AuditRecord } from '../services/audit-record';
import type { Db } from './open-database';

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

export type AuditRepository = ReturnType<typeof createAuditRepository>;

/** Append and read only: the table's triggers refuse UPDATE and DELETE (migration 0003). */
export function createAuditRepository(db: Db) {
  const append =
    db.prepare(`INSERT INTO kyc_audit (installed_app_id, identity_id, case_id, actor, actor_name, actor_cloud_user_id,
      action, before_state, after_state, reason, request_id, at)
    VALUES (@installedAppId, @identityId, @caseId, @actor, @actorName, @actorCloudUserId,
      @action, @before, @after, @reason, @requestId, @at)`);
  const forIdentity = db.prepare(
    'SELECT * FROM kyc_audit WHERE installed_app_id = ? AND identity_id = ? ORDER BY audit_id DESC LIMIT ?',
  );

  return {
    append(entry: AuditEntry): void {
      const actor = entry.actor;
      append.run({
        ...entry,
        actor: actor === 'system' ? 'system' : actor.reviewerId,
        actorName: actor === 'system' ? null : actor.displayName,
        actorCloudUserId: actor === 'system' ? null : actor.cloudUserId,
        before: entry.before === null ? null : JSON.stringify(entry.before),
        after: entry.after === null ? null : JSON.stringify(entry.after),
      });
    },
    /** Newest first. */
    forIdentity(installedAppId: string, identityId: string, limit: number): AuditRecord[] {
      return forIdentity.all(installedAppId, identityId, limit).map((raw) => {
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
      });
    },
  };
}
