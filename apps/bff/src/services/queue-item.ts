import type { CaseStatus, CaseSummaryDto, RiskLevel } from '@kyc-review/contracts';
import { resolveCountry } from '@kyc-review/kyc';

// One row of the queue as the case service owns it (issue 16: repositories return domain
// types); the queue repository reads it, the service maps it to the API's CaseSummaryDto.

export type QueueItem = {
  readonly identityId: string;
  readonly displayName: string;
  readonly identityType: string;
  readonly country: string;
  /** When the identity was created in Cloud. */
  readonly createdAt: string;
  readonly status: CaseStatus;
  readonly riskLevel: RiskLevel;
  readonly riskScore: number;
  /** The risk's strongest reasons, at most three, by label. */
  readonly topReasons: readonly string[];
  readonly openHits: number;
  /** A write-back to Cloud is still pending or failing. */
  readonly syncPending: boolean;
  /** The assignee's current display name; null: unassigned. */
  readonly assigneeName: string | null;
  /** Null: nobody waits for the case (approved, rejected). */
  readonly dueAt: string | null;
  readonly updatedAt: string;
};

/** The queue row on the wire; overdue is judged at `now` (the service's clock). */
export function toCaseSummaryDto(item: QueueItem, now: string): CaseSummaryDto {
  return {
    identity_id: item.identityId,
    display_name: item.displayName,
    identity_type: item.identityType,
    country: item.country,
    country_code: resolveCountry(item.country),
    created_at: item.createdAt,
    status: item.status,
    risk_level: item.riskLevel,
    risk_score: item.riskScore,
    top_reasons: [...item.topReasons],
    open_hits: item.openHits,
    sync_pending: item.syncPending,
    assignee_name: item.assigneeName,
    due_at: item.dueAt,
    overdue: item.dueAt !== null && item.dueAt < now,
    updated_at: item.updatedAt,
  };
}
