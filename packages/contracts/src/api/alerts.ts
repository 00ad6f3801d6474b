import { z } from 'zod';
import { IdentityId } from '../ids';

// DTOs of the SPA's alert API (issue 4). Statuses are open-ended: a new alert is FLAGGED
// and organisations define their own, with a name and a colour (docs/cloud-contract.md §6.5).

const AlertStatus = z.string().trim().min(1).max(64);
const Description = z.string().trim().min(1).max(2_000);

/**
 * Someone an alert is assigned or escalated to, for screens: a reviewer of the install linked
 * to that Cloud user (decision 017), a Cloud user not linked to one, or a name Cloud gave as is.
 */
export const AlertPersonDto = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reviewer'), name: z.string(), cloud_user_id: z.string() }),
  z.object({ kind: z.literal('cloud_user'), name: z.null(), cloud_user_id: z.string() }),
  z.object({ kind: z.literal('cloud_name'), name: z.string(), cloud_user_id: z.null() }),
]);
export type AlertPersonDto = z.infer<typeof AlertPersonDto>;

export const AlertDto = z.object({
  anomaly_id: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.string(),
  assigned_to: z.string(),
  escalated_to: z.array(z.string()),
  /** `assigned_to` resolved for display; null when Cloud names nobody. */
  assignee: AlertPersonDto.nullable(),
  /** `escalated_to` resolved for display, in Cloud's order. */
  escalated: z.array(AlertPersonDto),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  affected_balances: z.array(z.string()),
  affected_identities: z.array(z.string()),
  /** The name of each affected identity the install has a case for, by id (screens show names, not ids). */
  identity_names: z.record(z.string(), z.string()),
  affected_transactions: z.array(z.string()),
});
export type AlertDto = z.infer<typeof AlertDto>;

/** One status an alert may be set to: Cloud's key, its display name and colour (`#RRGGBB`, or null). */
export const AlertStatusDto = z.object({ key: z.string(), name: z.string(), colour: z.string().nullable() });
export type AlertStatusDto = z.infer<typeof AlertStatusDto>;
export const AlertStatusListDto = z.object({ data: z.array(AlertStatusDto) });
export type AlertStatusListDto = z.infer<typeof AlertStatusListDto>;

export const AlertListDto = z.object({ items: z.array(AlertDto), total: z.number().int().min(0) });
export type AlertListDto = z.infer<typeof AlertListDto>;

/** `GET /api/alerts?identity_id=…`: the alerts on one identity, or all of the install's. */
export const AlertListQuery = z.object({ identity_id: IdentityId.optional() });
export type AlertListQuery = z.infer<typeof AlertListQuery>;

export const CreateAlertBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  description: Description,
});
export type CreateAlertBody = z.infer<typeof CreateAlertBody>;

export const UpdateAlertBody = z
  .object({ status: AlertStatus.optional(), description: Description.optional() })
  .refine((body) => body.status !== undefined || body.description !== undefined, {
    message: 'Send a status or a description.',
  });
export type UpdateAlertBody = z.infer<typeof UpdateAlertBody>;
