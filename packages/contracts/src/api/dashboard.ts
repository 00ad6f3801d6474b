import { z } from 'zod';
import { RiskLevel } from '../kyc/risk';
import { CaseStatus } from './case-status';
import { DecisionAction } from './decisions';

// The lead's dashboard (issue 12): figures computed by the BFF from SQL aggregates.

/** Statuses of cases still waiting for someone: the backlog. */
export const OPEN_STATUSES = ['new', 'in_review', 'info_requested', 'escalated', 'needs_rereview'] as const;

/** Ageing buckets of the backlog: days in the queue, `max_days` null for the open-ended last one. */
export const AGEING_BUCKETS = [
  { label: '0–1 days', min_days: 0, max_days: 1 },
  { label: '2–3 days', min_days: 2, max_days: 3 },
  { label: '4–7 days', min_days: 4, max_days: 7 },
  { label: '8–14 days', min_days: 8, max_days: 14 },
  { label: '15–30 days', min_days: 15, max_days: 30 },
  { label: 'Over 30 days', min_days: 31, max_days: null },
] as const;

export const DECISIONS_DAYS = 30;
export const REVIEWER_DAYS = 7;

/** How decisions are counted per day: the audit actions, the first of two approvals on its own. */
export const DecisionOutcome = z.union([DecisionAction, z.literal('approve_first_of_two')]);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

const Count = z.number().int().min(0);

export const DashboardDto = z.object({
  generated_at: z.string(),
  backlog: z.object({
    /** Every listed case by status (decided ones too), zeros included. */
    by_status: z.array(z.object({ status: CaseStatus, count: Count })),
    /** Open cases by risk level. */
    by_risk: z.array(z.object({ risk_level: RiskLevel, count: Count })),
    open: Count,
  }),
  ageing: z.object({
    buckets: z.array(z.object({ label: z.string(), count: Count })),
    overdue: Count,
  }),
  /** One entry per UTC day, oldest first, the last being today. */
  decisions_per_day: z.array(z.object({ day: z.string(), counts: z.record(z.string(), Count), total: Count })),
  screening: z.object({
    listed: Count,
    /** Listed cases with at least one watchlist hit, open or decided. */
    with_hits: Count,
    hit_rate: z.number().min(0).max(1).nullable(),
    verdicts: Count,
    false_positives: Count,
    /** False positives among the hits reviewers decided; null before any verdict. */
    false_positive_rate: z.number().min(0).max(1).nullable(),
  }),
  write_backs: z.object({ pending: Count, failing: Count }),
  /**
   * Reviewers with open assigned cases or decisions in the last 7 UTC days (today
   * included), most open work first, then most decisions.
   */
  reviewers: z.array(
    z.object({
      /** The audit trail's actor: a reviewer id (`rvw_…`), or a Cloud user id from before reviewers existed. */
      reviewer_id: z.string(),
      /** The reviewer's display name, or null for an actor the app has no reviewer for. */
      display_name: z.string().nullable(),
      /** Open cases assigned to them now. */
      open_assigned: Count,
      decisions_7d: Count,
    }),
  ),
  /** True while the BFF is reading Cloud's identities: the figures grow as they arrive. */
  syncing: z.boolean(),
});
export type DashboardDto = z.infer<typeof DashboardDto>;
