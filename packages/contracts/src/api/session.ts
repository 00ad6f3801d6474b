import { z } from 'zod';
import { Permission } from '../cloud/permissions';
import { SessionReviewerDto, SignInState } from './reviewers';

/**
 * `GET /api/session`: the launched session (install, scopes, CSRF token) and the reviewer
 * signed in on it, if any. `user_id` is the Cloud user the launch named, when Cloud sent one.
 */
export const SessionDto = z.object({
  installed_app_id: z.string(),
  instance_id: z.string(),
  organization_id: z.string().nullable(),
  user_id: z.string().nullable(),
  granted_permissions: z.array(Permission),
  expires_at: z.string(),
  csrf_token: z.string(),
  /**
   * True when Blnk Cloud refused the install's key (revoked): the app cannot read or
   * write until a workspace admin reinstalls it. Optional: older servers omit it.
   */
  install_needs_reinstall: z.boolean().optional(),
  sign_in: SignInState,
  reviewer: SessionReviewerDto.nullable(),
  /** Whether the signed-in reviewer may change the settings and import watchlists (role lead or admin). */
  can_edit_settings: z.boolean(),
  /**
   * The launch named a Cloud user no reviewer is linked to yet: the signed-in reviewer may
   * link it, after which that Cloud user's launches sign in as them without the password.
   */
  can_link_cloud_user: z.boolean(),
});
export type SessionDto = z.infer<typeof SessionDto>;
