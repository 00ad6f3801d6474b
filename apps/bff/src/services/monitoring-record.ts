import type { AssessmentBaseline, AssessmentChange, CaseChangeDto, ChangeCause } from '@kyc-review/contracts';

// What each decision was made on and what monitoring found since
// (docs/decisions/020-monitoring-and-rereview.md).

/** Baseline id of a case decided before the app saw it (its status came from the ledger). */
export const LEDGER_BASELINE = 'ledger';

export type BaselineRecord = { readonly decisionId: string; readonly baseline: AssessmentBaseline };

/** One change monitoring recorded against the decision `baselineId` stands for. */
export type RecordedChange = {
  readonly change: AssessmentChange;
  readonly cause: ChangeCause;
  readonly detectedAt: string;
  /** A decision id, or LEDGER_BASELINE for a status the app found on the ledger. */
  readonly baselineId: string;
};

export function toCaseChangeDto(r: RecordedChange): CaseChangeDto {
  return {
    change: r.change,
    cause: r.cause,
    detected_at: r.detectedAt,
    since_decision_id: r.baselineId === LEDGER_BASELINE ? null : r.baselineId,
  };
}
