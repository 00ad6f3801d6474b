import type { AuditAction, HistoryEntryDto } from '@kyc-review/contracts';
import type { Actor } from './reviewer';

// The audit trail's records (append-only, migration 0003): what a step writes, and what a
// case's history reads back.

/** One audit row to append; before/after are JSON-safe snapshots (never a revealed value or a secret). */
export type AuditEntry = {
  readonly installedAppId: string;
  readonly identityId: string | null;
  readonly caseId: string | null;
  /** The reviewer who acted, or `system` for the app's own steps (a lock, a sync). */
  readonly actor: Actor | 'system';
  readonly action: AuditAction;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  readonly requestId: string | null;
  readonly at: string;
};

/** One row read back: the actor as it was recorded then (a name survives a later rename or removal). */
export type AuditRecord = {
  readonly auditId: number;
  readonly at: string;
  /** A reviewer id or `system`; name and linked Cloud user as they were at the time. */
  readonly actor: { readonly id: string; readonly name: string | null; readonly cloudUserId: string | null };
  readonly action: AuditAction;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  readonly requestId: string | null;
};

export function toHistoryEntryDto(r: AuditRecord): HistoryEntryDto {
  return {
    audit_id: r.auditId,
    at: r.at,
    actor: r.actor.id,
    actor_name: r.actor.name,
    actor_cloud_user_id: r.actor.cloudUserId,
    action: r.action,
    before: r.before,
    after: r.after,
    reason: r.reason,
    request_id: r.requestId,
  };
}
