/** Listed cases of one status and risk level. */
export type StatusRiskTally = { readonly status: string; readonly riskLevel: string; readonly count: number };
/** Open cases of one risk level created on one UTC day (YYYY-MM-DD). */
export type OpenDayTally = { readonly riskLevel: string; readonly createdDay: string; readonly count: number };
/** Decisions of one UTC day, outcome and actor, with the reviewer's current name (none before reviewers existed). */
export type DecisionTally = {
  readonly day: string;
  readonly outcome: string;
  readonly actor: string;
  readonly actorName: string | null;
  readonly count: number;
};
/** Open listed cases held by one reviewer. */
export type OpenAssignedTally = {
  readonly reviewerId: string;
  readonly displayName: string | null;
  readonly count: number;
};
/** Hit verdicts recorded, and how many of them were false positives. */
export type VerdictTally = { readonly verdicts: number; readonly falsePositives: number };
/** Write-back steps waiting (pending) or retrying (failing). */
export type WriteBackTally = { readonly pending: number; readonly failing: number };
