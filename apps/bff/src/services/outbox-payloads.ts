import { z } from 'zod';

// What an outbox step carries to Cloud (docs/decisions/012-decision-outbox.md): the domain's
// shapes, which the outbox repository stores as JSON and hands back parsed.

/** The flat metadata keys the app owns on an identity (docs/cloud-contract.md §6.4: one write never erases another). */
export const KycMetadata = z.object({
  kyc_status: z.string(),
  kyc_risk_level: z.string(),
  /** Points 0–100, the scale people read (decision 006). */
  kyc_risk_score: z.number(),
  // Absent on a needs_rereview write: the merge keeps the earlier decision's time and reviewer.
  kyc_reviewed_at: z.string().optional(),
  kyc_reviewed_by: z.string().optional(),
  kyc_case_id: z.string(),
});
export type KycMetadata = z.infer<typeof KycMetadata>;

export const AlertPayload = z.object({ title: z.string(), description: z.string() });
export type AlertPayload = z.infer<typeof AlertPayload>;

/** A step's kind and its content; null when the step has nothing to send (`not_needed`). */
export type OutboxContent =
  | { readonly kind: 'metadata'; readonly payload: KycMetadata | null }
  | { readonly kind: 'alert'; readonly payload: AlertPayload | null };
