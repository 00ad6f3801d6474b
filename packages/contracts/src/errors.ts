import { z } from 'zod';

/**
 * The one error envelope every BFF error uses: `{"error":{"code","message","details?"}}`.
 * `code` is a stable machine string the SPA branches on; `message` is for people.
 */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export const ErrorEnvelope = z.object({ error: ErrorBody });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/**
 * Every code the BFF emits, and nothing else (a test checks each one is emitted somewhere);
 * the SPA may rely on these names. `AppError` takes only these, so a new code is added here.
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
  'callback_key_invalid',
  'install_not_active',
  'install_mismatch',
  'stale_event',
  'app_not_allowed',
  'token_invalid',
  'token_expired',
  'no_session',
  'session_expired',
  'csrf_failed',
  'missing_permission',
  'not_found',
  'conflict',
  'invalid_transition',
  'four_eyes_required',
  'already_claimed',
  'assigned_to_other',
  'unsupported_watchlist_format',
  'invalid_watchlist_file',
  'import_in_progress',
  'too_many_refused_rows',
  'reviewer_required',
  'role_required',
  'reviewer_disabled',
  'sign_in_failed',
  'sign_in_locked',
  'step_up_required',
  'already_set_up',
  'invitation_gone',
  'last_admin',
  'rate_limited',
  'approval_blocked',
  'cloud_unauthorized',
  'cloud_forbidden',
  'cloud_not_found',
  'cloud_rate_limited',
  'cloud_unavailable',
  'cloud_timeout',
  'cloud_bad_response',
  'storage_busy',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
