import { z } from 'zod';

// The organization's alert statuses (docs/cloud-contract.md §6.5): FLAGGED and the other built-ins, plus
// any the organization adds, each with a display name and a colour from a fixed palette.

export const ALLOWED_COLOURS = [
  '#3B82F6',
  '#10B981',
  '#F59E0B',
  '#EF4444',
  '#8B5CF6',
  '#EC4899',
  '#14B8A6',
  '#6B7280',
] as const;

export const AlertStatusRow = z.object({
  organization_id: z.string(),
  key: z.string(),
  name: z.string(),
  colour: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AlertStatusRow = z.infer<typeof AlertStatusRow>;

/** A new alert is FLAGGED; these three cannot be deleted. */
export const BUILT_IN_ALERT_STATUSES: readonly string[] = ['FLAGGED', 'INVESTIGATING', 'RESOLVED'];

const SEEDED: readonly (readonly [key: string, name: string, colour: string])[] = [
  ['FLAGGED', 'Flagged', '#EF4444'],
  ['INVESTIGATING', 'Investigating', '#F59E0B'],
  ['RESOLVED', 'Resolved', '#10B981'],
  // Custom statuses the emulator's organization already defined (the docs' own example first).
  ['PENDING_REVIEW', 'Pending Review', '#3B82F6'],
  ['ESCALATED', 'Escalated', '#8B5CF6'],
];

export function seedAlertStatuses(organizationId: string, at: string): AlertStatusRow[] {
  return SEEDED.map(([key, name, colour]) => ({
    organization_id: organizationId,
    key,
    name,
    colour,
    created_at: at,
    updated_at: at,
  }));
}

/** `Pending review!` → `PENDING_REVIEW`: the key Cloud derives when none is given [gap]. */
export function statusKeyFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
}

const Colour = z.enum(ALLOWED_COLOURS, { error: `must be one of ${ALLOWED_COLOURS.join(', ')}` });
export const CreateStatusBody = z.object({
  key: z
    .string()
    .regex(/^[A-Z0-9_]{1,50}$/, 'must be 1–50 of A–Z, 0–9 and _')
    .optional(),
  name: z.string().trim().min(1, 'name is required').max(50),
  colour: Colour,
});
export const UpdateStatusBody = z
  .object({ name: z.string().trim().min(1).max(50).optional(), colour: Colour.optional() })
  .refine((b) => b.name !== undefined || b.colour !== undefined, 'send a name or a colour');

export type AddStatusResult =
  | { readonly ok: true; readonly status: AlertStatusRow }
  | { readonly ok: false; readonly code: 400 | 409; readonly message: string };

/** Adds one of the organization's statuses (Cloud's `POST /alerts/statuses` and the dashboard). */
export function addAlertStatus(
  statuses: AlertStatusRow[],
  input: z.infer<typeof CreateStatusBody>,
  organizationId: string,
  at: string,
): AddStatusResult {
  const key = input.key ?? statusKeyFromName(input.name);
  if (key === '') return { ok: false, code: 400, message: 'name: needs a letter or a digit to make a key from' };
  if (statuses.some((s) => s.key === key)) return { ok: false, code: 409, message: `status "${key}" already exists` };
  const status = {
    organization_id: organizationId,
    key,
    name: input.name,
    colour: input.colour,
    created_at: at,
    updated_at: at,
  };
  statuses.push(status);
  return { ok: true, status };
}
