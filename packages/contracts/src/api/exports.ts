import { z } from 'zod';
import { CaseQueueQuery } from './case-queue';

// Exports (issue 12): CSV of the queue as filtered, CSV of the audit trail for a date range.

/** The queue's filters without paging or order: what the queue CSV holds. */
export const CaseQueueFilters = CaseQueueQuery.pick({
  status: true,
  risk_level: true,
  country: true,
  identity_type: true,
  q: true,
  assignee: true,
  overdue: true,
  open: true,
  second_approval: true,
});
export type CaseQueueFilters = z.infer<typeof CaseQueueFilters>;

/** One year, a leap year included: a wider audit export is refused, not truncated. */
export const AUDIT_EXPORT_MAX_DAYS = 366;

const Day = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/** Days in UTC, both included. */
export const AuditExportQuery = z
  .object({ from: Day, to: Day })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;
