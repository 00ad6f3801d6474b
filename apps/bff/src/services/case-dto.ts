import type {
  AllowedActions,
  CaseDetailDto,
  CaseDto,
  CaseHitDto,
  CountryCodesDto,
  DecisionDto,
  DueDto,
  FourEyesDto,
  Identity,
  OverrideDto,
  PendingApprovalDto,
} from '@kyc-review/contracts';
import type { CaseRecord, DecisionRecord, FourEyesFlag, OverrideRecord, PendingApproval } from './case-record';
import type { HitDispositionRecord } from '../db/hit-disposition-repository';
import type { MirroredIdentity } from './mirrored-identity';
import type { OutboxStep } from './outbox-step';
import { toAssigneeDto } from './assignment-rules';
import { duplicateMatches, resolveCountry } from '@kyc-review/kyc';
import { toIdentityDto } from './record-dto';
import { openBlockersOf } from './review-state';
import { toWriteBackDto } from './write-back-plan';
import { toCaseChangeDto, type RecordedChange } from './monitoring-record';

export const toOverrideDto = (o: OverrideRecord | null): OverrideDto | null =>
  o === null
    ? null
    : { reason_code: o.reasonCode, note: o.note, by: o.by, by_name: o.byName, at: o.at, blockers: [...o.blockers] };

export const toPendingApprovalDto = (p: PendingApproval | null): PendingApprovalDto | null =>
  p === null
    ? null
    : {
        first_reviewer: p.firstReviewerId,
        first_reviewer_name: p.firstReviewerName,
        approved_at: p.approvedAt,
        note: p.note,
        override: toOverrideDto(p.override),
      };

export const toFourEyesDto = (f: FourEyesFlag | null): FourEyesDto | null =>
  f === null ? null : { reason: f.reason, reviewer_id: f.reviewerId, reviewer_name: f.reviewerName, at: f.at };

export const toDecisionDto = (d: DecisionRecord | null): DecisionDto | null =>
  d === null
    ? null
    : {
        decision_id: d.decisionId,
        action: d.action,
        reason_code: d.reasonCode,
        note: d.note,
        decided_by: d.decidedBy,
        decided_by_name: d.decidedByName,
        decided_at: d.decidedAt,
        status_after: d.statusAfter,
        override: toOverrideDto(d.override),
      };

/**
 * Current hits with their verdicts and the dismissed ones (kept visible, never re-raised),
 * strongest match first: a verdict never moves a hit in the list the reviewer is reading.
 */
function caseHits(kase: CaseRecord, dispositions: readonly HitDispositionRecord[]): CaseHitDto[] {
  const byEntry = new Map(dispositions.map((d) => [d.entryId, d]));
  const current = kase.assessment.hits.map((hit): CaseHitDto => {
    const d = byEntry.get(hit.entry.entry_id);
    const confirmed = d?.disposition === 'confirmed';
    return {
      ...hit,
      disposition: confirmed ? 'confirmed' : 'open',
      disposed_by: confirmed ? d.disposedBy : null,
      disposed_by_name: confirmed ? d.disposedByName : null,
      disposed_at: confirmed ? d.disposedAt : null,
      reason_code: confirmed ? d.reasonCode : null,
      note: confirmed ? d.note : null,
    };
  });
  const dismissed = dispositions
    .filter((d) => d.disposition === 'false_positive')
    .map((d): CaseHitDto => ({
      ...d.hit,
      disposition: 'false_positive',
      disposed_by: d.disposedBy,
      disposed_by_name: d.disposedByName,
      disposed_at: d.disposedAt,
      reason_code: d.reasonCode,
      note: d.note,
    }));
  return [...current, ...dismissed].sort((a, b) => b.score - a.score || (a.hit_id < b.hit_id ? -1 : 1));
}

/** When the case is due and why it waits; the customer's answer is what an info request waits for. */
function dueOf(kase: CaseRecord, now: string): DueDto | null {
  if (kase.dueAt === null) return null;
  const reason = kase.status === 'info_requested' ? 'info_requested' : kase.queueReason;
  return { due_at: kase.dueAt, reason, overdue: kase.dueAt < now };
}

/** What the case page is built from, read in the case service. */
export type CaseFacts = {
  readonly kase: CaseRecord;
  readonly dispositions: readonly HitDispositionRecord[];
  readonly writeBack: readonly OutboxStep[];
  readonly changes: readonly RecordedChange[];
  /** What the signed-in reviewer is offered (case-actions.ts). */
  readonly allowed: AllowedActions;
  readonly now: string;
};

export function toCaseDto(
  { kase, dispositions, writeBack, changes, allowed, now }: CaseFacts,
  countries: CountryCodesDto,
): CaseDto {
  return {
    case_id: kase.caseId,
    identity_id: kase.identityId,
    status: kase.status,
    risk: kase.assessment.risk,
    checks: kase.assessment.checks,
    hits: caseHits(kase, dispositions),
    assessed_at: kase.stamp.assessedAt,
    pending_approval: toPendingApprovalDto(kase.pendingApproval),
    four_eyes: toFourEyesDto(kase.fourEyes),
    last_decision: toDecisionDto(kase.lastDecision),
    write_back: kase.lastActionId === null ? null : toWriteBackDto(kase.lastActionId, writeBack),
    allowed_actions: allowed,
    assignee: toAssigneeDto(kase.assignee),
    approval_blockers: openBlockersOf(kase, dispositions),
    duplicates: duplicateMatches(kase.assessment.checks),
    changes_since_decision: changes.map(toCaseChangeDto),
    due: dueOf(kase, now),
    countries,
    updated_at: kase.updatedAt,
  };
}

/** ISO codes of the identity's country and nationality, for "Viet Nam (VN)" on the case. */
const countryCodesOf = (identity: Pick<Identity, 'country' | 'nationality'>): CountryCodesDto => ({
  country: resolveCountry(identity.country),
  nationality: resolveCountry(identity.nationality),
});

export function toCaseDetailDto(row: MirroredIdentity, facts: CaseFacts): CaseDetailDto {
  return { identity: toIdentityDto(row.record), case: toCaseDto(facts, countryCodesOf(row.record)) };
}
