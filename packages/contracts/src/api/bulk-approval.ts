import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { IdentityId } from '../ids';

// Bulk approval (issue 12, docs/decisions/021-team-workflow.md): low-risk cases with nothing
// blocking them, approved one decision each, as if decided one by one.

/** The most cases one bulk approval may hold. */
export const BULK_APPROVAL_MAX = 200;

/** `POST /api/bulk-approvals/preview`: the cases selected in the queue. */
export const BulkApprovalSelection = z
  .object({
    identity_ids: z
      .array(IdentityId)
      .min(1, 'Select at least one case.')
      .max(BULK_APPROVAL_MAX, `A bulk approval holds at most ${BULK_APPROVAL_MAX} cases.`)
      .refine((ids) => new Set(ids).size === ids.length, 'A case is selected twice.'),
  })
  .strict();
export type BulkApprovalSelection = z.infer<typeof BulkApprovalSelection>;

/**
 * `POST /api/bulk-approvals`: the eligible cases of the preview, each with the version it was
 * judged at, so a case that changed since is reported, never decided on what nobody saw.
 */
export const BulkApprovalBody = z
  .object({
    cases: z
      .array(z.object({ identity_id: IdentityId, version: z.number().int().min(0) }).strict())
      .min(1, 'Select at least one case.')
      .max(BULK_APPROVAL_MAX, `A bulk approval holds at most ${BULK_APPROVAL_MAX} cases.`)
      .refine((cs) => new Set(cs.map((c) => c.identity_id)).size === cs.length, 'A case is selected twice.'),
  })
  .strict();
export type BulkApprovalBody = z.infer<typeof BulkApprovalBody>;

/** Why a case is not (or was not) approved in bulk: not low risk, or the error a single approval would get. */
export const BulkRefusalCode = z.enum(['not_low_risk', ...ERROR_CODES]);
export type BulkRefusalCode = z.infer<typeof BulkRefusalCode>;
export const BulkRefusal = z.object({ code: BulkRefusalCode, message: z.string() });
export type BulkRefusal = z.infer<typeof BulkRefusal>;

/**
 * What approving a case would record: the approval, or the first of two (four eyes stays
 * with a case that needed it once, whatever its risk now).
 */
export const BulkOutcome = z.enum(['approved', 'first_approval_recorded']);
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export const BulkPreviewItem = z.object({
  identity_id: z.string(),
  display_name: z.string().nullable(),
  /** The case version judged; sent back with the confirmation. */
  version: z.number().int().min(0),
  /** null: not eligible (see `refusal`). */
  expected: BulkOutcome.nullable(),
  refusal: BulkRefusal.nullable(),
});
export type BulkPreviewItem = z.infer<typeof BulkPreviewItem>;

export const BulkPreviewDto = z.object({
  eligible: z.array(BulkPreviewItem),
  ineligible: z.array(BulkPreviewItem),
});
export type BulkPreviewDto = z.infer<typeof BulkPreviewDto>;

export const BulkResultItem = z.object({
  identity_id: z.string(),
  display_name: z.string().nullable(),
  outcome: z.enum(['approved', 'first_approval_recorded', 'refused']),
  refusal: BulkRefusal.nullable(),
});
export type BulkResultItem = z.infer<typeof BulkResultItem>;

export const BulkResultDto = z.object({
  /** One id for the run: every decision's audit row carries it. */
  bulk_id: z.string(),
  items: z.array(BulkResultItem),
  approved: z.number().int().min(0),
  first_approvals: z.number().int().min(0),
  refused: z.number().int().min(0),
});
export type BulkResultDto = z.infer<typeof BulkResultDto>;
