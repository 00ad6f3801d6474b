import { z } from 'zod';
import { RiskLevel } from '../kyc/risk';
import { AssigneeFilter } from './assignment';
import { CaseStatus } from './case-status';
import { PageQuery, pageDto } from './identities';

// The review queue (issue 5, decisions 011 and 019): its filters and sorts, its rows, a page.

export const CaseSort = z.enum(['risk_desc', 'created_at_desc', 'created_at_asc', 'updated_at_desc', 'due_at_asc']);
export type CaseSort = z.infer<typeof CaseSort>;

/** The longest queue cursor the BFF writes or reads. */
export const QUEUE_CURSOR_MAX = 512;

/** Queue filters; `status=never_reviewed` is the queue of identities with no kyc_status. */
export const CaseQueueQuery = PageQuery.extend({
  status: z.union([CaseStatus, z.literal('never_reviewed')]).optional(),
  risk_level: RiskLevel.optional(),
  country: z.string().trim().max(64).optional(),
  identity_type: z.enum(['individual', 'organization']).optional(),
  q: z.string().trim().max(100).optional(),
  assignee: AssigneeFilter.optional(),
  /** `true`: only cases past their due date (decision 021). */
  overdue: z.literal('true').optional(),
  /** `true`: only cases someone still has to act on (not approved or rejected). */
  open: z.literal('true').optional(),
  /**
   * `awaiting`: cases with a first approval that wait for a second (four eyes), the first
   * given by someone other than the reviewer who asks ("Awaiting my second approval").
   */
  second_approval: z.literal('awaiting').optional(),
  sort: CaseSort.default('risk_desc'),
  /**
   * Where the page starts: `next_cursor` or `prev_cursor` of the page before (opaque). With
   * it the page is a seek in the sort's index however deep; `page` then only labels it.
   */
  cursor: z.string().trim().min(1).max(QUEUE_CURSOR_MAX).optional(),
});
export type CaseQueueQuery = z.infer<typeof CaseQueueQuery>;

export const CaseSummaryDto = z.object({
  identity_id: z.string(),
  display_name: z.string(),
  identity_type: z.string(),
  /** As the identity spells it; `country_code` is its ISO 3166 alpha-2 code (null: not recognised). */
  country: z.string(),
  country_code: z.string().nullable(),
  created_at: z.string(),
  status: CaseStatus,
  risk_level: RiskLevel,
  risk_score: z.number().min(0).max(1),
  top_reasons: z.array(z.string()).max(3),
  open_hits: z.number().int().min(0),
  sync_pending: z.boolean(),
  /** The assignee's display name; null: unassigned. */
  assignee_name: z.string().nullable(),
  /** When the case is due (decision 021); null: nobody waits for it (approved, rejected). */
  due_at: z.string().nullable(),
  overdue: z.boolean(),
  updated_at: z.string(),
});
export type CaseSummaryDto = z.infer<typeof CaseSummaryDto>;

export const CaseQueueDto = pageDto(CaseSummaryDto).extend({
  /**
   * Count per status (the queue's tabs), plus never_reviewed, of the cases the other active
   * filters match (the status filter aside): the tabs say what each would show.
   */
  counts: z.record(z.string(), z.number().int().min(0)),
  /**
   * How `total` and `counts` were counted: `exact`, or `at_least` for a search that matches more
   * cases than the BFF reads to count them (decision 019): each figure is then a lower bound,
   * and the pages go on while `next_cursor` does.
   */
  counted: z.enum(['exact', 'at_least']),
  /** True while the BFF's mirror of Cloud's identities is (re)syncing: the list may grow. */
  syncing: z.boolean(),
  /** Identities Cloud lists that the last sync could not read (skipped, logged; decision 015). */
  unreadable_identities: z.number().int().min(0),
  /** How the last sync failed, as an error code (`incomplete_listing`, `cloud_unavailable`, …), or null. */
  sync_error: z.string().nullable(),
  /** `cursor` for the page after this one / before it; null on the last / first page. */
  next_cursor: z.string().nullable(),
  prev_cursor: z.string().nullable(),
});
export type CaseQueueDto = z.infer<typeof CaseQueueDto>;

/** `POST /api/cases/refresh` (202): false when a sync of the mirror was already running. */
export const RefreshStartedDto = z.object({ started: z.boolean() });
export type RefreshStartedDto = z.infer<typeof RefreshStartedDto>;
