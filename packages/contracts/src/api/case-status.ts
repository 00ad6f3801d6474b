import { z } from 'zod';

// The review case's status (issue 5, decision 011): every part of the review contract speaks it.

/**
 * `needs_rereview`: a decided case that monitoring found changed since its decision (new or
 * changed open hit, higher risk band, newly failing check) or whose periodic review fell due.
 */
export const CaseStatus = z.enum([
  'new',
  'in_review',
  'approved',
  'rejected',
  'info_requested',
  'escalated',
  'needs_rereview',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;
