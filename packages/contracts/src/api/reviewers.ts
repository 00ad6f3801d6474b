import { z } from 'zod';
import { InvitationId, ReviewerId } from '../ids';

// Reviewers, roles and sign-in (docs/decisions/017-reviewer-identity.md, docs/cloud-contract.md §9).

export const REVIEWER_ROLES = ['reviewer', 'lead', 'admin'] as const;
export const ReviewerRole = z.enum(REVIEWER_ROLES);
export type ReviewerRole = z.infer<typeof ReviewerRole>;

/** Each role can do everything the one before it can: reviewer < lead < admin. */
export function roleAtLeast(role: ReviewerRole, minimum: ReviewerRole): boolean {
  return REVIEWER_ROLES.indexOf(role) >= REVIEWER_ROLES.indexOf(minimum);
}

/** Roles whose second factor is required (optional for reviewers unless an admin requires it). */
export const roleNeedsTotp = (role: ReviewerRole): boolean => role !== 'reviewer';

/** Whether a reviewer of `role` must have a second factor on this install (an admin may require it for all). */
export const totpRequired = (role: ReviewerRole, requireTotpForAll: boolean): boolean =>
  requireTotpForAll || roleNeedsTotp(role);

export const ReviewerStatus = z.enum(['active', 'disabled']);
export type ReviewerStatus = z.infer<typeof ReviewerStatus>;

export const PASSWORD_MIN_LENGTH = 12;
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(256, 'Use at most 256 characters.');
export const Email = z.string().trim().toLowerCase().pipe(z.email('Enter an email address.').max(254));
export const DisplayName = z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.');
/** A 6-digit TOTP code, or a recovery code (`xxxxx-xxxxx`); spaces are ignored. */
export const SecondFactorCode = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toLowerCase())
  .pipe(z.string().regex(/^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/, 'Enter the 6-digit code or a recovery code.'));
export const TotpCode = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'));

export const ReviewerDto = z.object({
  reviewer_id: ReviewerId,
  display_name: z.string(),
  email: z.string(),
  role: ReviewerRole,
  status: ReviewerStatus,
  totp_enabled: z.boolean(),
  cloud_user_id: z.string().nullable(),
  created_at: z.string(),
  last_sign_in_at: z.string().nullable(),
});
export type ReviewerDto = z.infer<typeof ReviewerDto>;

/** The signed-in reviewer on `GET /api/session`. */
export const SessionReviewerDto = ReviewerDto.extend({
  /** Until when sensitive actions need no new second-factor confirmation (step-up); null: now. */
  second_factor_fresh_until: z.string().nullable(),
});
export type SessionReviewerDto = z.infer<typeof SessionReviewerDto>;

/**
 * Where the launched session stands (docs/cloud-contract.md §9): a launch is only half a sign-in.
 * - `bootstrap_required`: the install has no reviewers; the launcher may become the first admin.
 * - `sign_in_required`: a reviewer must sign in on this session.
 * - `second_factor_required`: the password was right; the TOTP or a recovery code is next.
 * - `totp_setup_required`: the password was right, but the reviewer's role (or the install's
 *   policy) needs a second factor they have not set up yet: they enrol one to finish signing in.
 * - `signed_in`: a reviewer is signed in.
 */
export const SignInState = z.enum([
  'bootstrap_required',
  'sign_in_required',
  'second_factor_required',
  'totp_setup_required',
  'signed_in',
]);
export type SignInState = z.infer<typeof SignInState>;

export const SignInBody = z.object({
  email: Email,
  password: z.string().min(1).max(256),
  remember: z.boolean().optional(),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const SecondFactorBody = z.object({ code: SecondFactorCode, remember: z.boolean().optional() });
export type SecondFactorBody = z.infer<typeof SecondFactorBody>;

/** The first admin: name, email, password and the code from the authenticator just enrolled. */
export const BootstrapBody = z.object({
  display_name: DisplayName,
  email: Email,
  password: Password,
  totp_code: TotpCode,
});
export type BootstrapBody = z.infer<typeof BootstrapBody>;

/** A TOTP secret being enrolled on this session: shown to its owner once, as text and QR code. */
export const TotpEnrolmentDto = z.object({
  secret: z.string(),
  otpauth_url: z.string(),
  /** An SVG QR code of otpauth_url, as a data: URL for an <img>. */
  qr_svg_data_url: z.string(),
});
export type TotpEnrolmentDto = z.infer<typeof TotpEnrolmentDto>;

/** Single-use recovery codes, shown once when created. */
export const RecoveryCodesDto = z.object({ recovery_codes: z.array(z.string()) });
export type RecoveryCodesDto = z.infer<typeof RecoveryCodesDto>;

export const InvitationBody = z.object({ display_name: DisplayName, email: Email, role: ReviewerRole });
export type InvitationBody = z.infer<typeof InvitationBody>;

export const InvitationDto = z.object({
  invitation_id: InvitationId,
  display_name: z.string(),
  email: z.string(),
  role: ReviewerRole,
  created_by_name: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  state: z.enum(['pending', 'redeemed', 'expired', 'revoked']),
});
export type InvitationDto = z.infer<typeof InvitationDto>;
/** The answer to creating an invitation: the only time its code is shown. */
export const CreatedInvitationDto = z.object({ invitation: InvitationDto, code: z.string() });
export type CreatedInvitationDto = z.infer<typeof CreatedInvitationDto>;

export const InvitationCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,64}$/, 'Enter the invitation code you were given.');

/** The first step of redeeming: the code alone, to learn whom it invites and whether a second factor is needed. */
export const CheckInvitationBody = z.object({ code: InvitationCode });
export type CheckInvitationBody = z.infer<typeof CheckInvitationBody>;
export const InvitationPreviewDto = z.object({
  display_name: z.string(),
  email: z.string(),
  role: ReviewerRole,
  /** The colleague must enrol an authenticator while redeeming (their role, or the install's policy). */
  totp_required: z.boolean(),
  expires_at: z.string(),
});
export type InvitationPreviewDto = z.infer<typeof InvitationPreviewDto>;

export const RedeemInvitationBody = z.object({
  code: InvitationCode,
  password: Password,
  /** Required when the invitation's role needs a second factor (lead, admin). */
  totp_code: TotpCode.optional(),
});
export type RedeemInvitationBody = z.infer<typeof RedeemInvitationBody>;

export const ReviewerListDto = z.object({
  reviewers: z.array(ReviewerDto),
  invitations: z.array(InvitationDto),
  require_totp_for_all: z.boolean(),
});
export type ReviewerListDto = z.infer<typeof ReviewerListDto>;

/** An admin's install-wide sign-in policy. */
export const ReviewerPolicyBody = z.object({ require_totp_for_all: z.boolean() });
export type ReviewerPolicyBody = z.infer<typeof ReviewerPolicyBody>;

export const ReviewerUpdateBody = z
  .object({ role: ReviewerRole.optional(), status: ReviewerStatus.optional() })
  .refine((b) => b.role !== undefined || b.status !== undefined, { message: 'Change the role or the status.' });
export type ReviewerUpdateBody = z.infer<typeof ReviewerUpdateBody>;

/** A remembered browser's id: the sha-256 of its token (the token itself never leaves its cookie). */
export const DeviceId = z.string().regex(/^[0-9a-f]{64}$/, 'Not a remembered-browser id.');

export const RememberedDeviceDto = z.object({
  device_id: DeviceId,
  label: z.string(),
  created_at: z.string(),
  last_used_at: z.string(),
  expires_at: z.string(),
  current: z.boolean(),
});
export type RememberedDeviceDto = z.infer<typeof RememberedDeviceDto>;

/** `GET /api/account`: the signed-in reviewer's own account page. */
export const AccountDto = z.object({
  reviewer: ReviewerDto,
  devices: z.array(RememberedDeviceDto),
  /** Unused recovery codes left (0 without a second factor). */
  recovery_codes_left: z.number().int().min(0),
  /** The reviewer must keep a second factor (role or policy): it cannot be removed, only replaced. */
  totp_required: z.boolean(),
  /** The Cloud user this launch names, when Cloud sent one (legacy launches): what "link" would link. */
  launch_cloud_user_id: z.string().nullable(),
});
export type AccountDto = z.infer<typeof AccountDto>;

/** Confirms the authenticator just enrolled on this session (`/api/session/totp-enrolment`). */
export const TotpConfirmBody = z.object({ totp_code: TotpCode });
export type TotpConfirmBody = z.infer<typeof TotpConfirmBody>;
