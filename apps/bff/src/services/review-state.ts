import type { ApprovalBlocker } from '@kyc-review/contracts';
import { approvalBlockers, type ReviewState } from '@kyc-review/kyc';
import type { CaseRecord } from './case-record';
import type { HitDispositionRecord } from '../db/hit-disposition-repository';

/** The case as packages/kyc judges it: its checks, risk and the hits neither confirmed nor dismissed. */
export function reviewStateOf(kase: CaseRecord, dispositions: readonly HitDispositionRecord[]): ReviewState {
  const decided = new Set(dispositions.map((d) => d.entryId));
  return {
    checks: kase.assessment.checks,
    risk: kase.assessment.risk,
    openHits: kase.assessment.hits.filter((h) => !decided.has(h.entry.entry_id)),
  };
}

/** Everything that blocks an approval now (what a lead's override covers). */
export function blockersOf(kase: CaseRecord, dispositions: readonly HitDispositionRecord[]): ApprovalBlocker[] {
  return approvalBlockers(reviewStateOf(kase, dispositions));
}

/**
 * What blocks the next approval: the blockers, less those a pending first-of-two override
 * covered already (the second approval needs no new override for them).
 */
export function openBlockersOf(kase: CaseRecord, dispositions: readonly HitDispositionRecord[]): ApprovalBlocker[] {
  const covered = new Set(kase.pendingApproval?.override?.blockers.map(blockerKey) ?? []);
  return blockersOf(kase, dispositions).filter((b) => !covered.has(blockerKey(b)));
}

/** A blocker's identity, to tell whether an override covered it. */
export function blockerKey(b: ApprovalBlocker): string {
  switch (b.code) {
    case 'check_skipped':
      return `check_skipped:${b.check_id}`;
    case 'open_hit':
      return `open_hit:${b.hit_id}`;
    case 'hard_stop':
      return `hard_stop:${b.stop}`;
  }
}
