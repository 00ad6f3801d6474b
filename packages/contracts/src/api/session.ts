import { z } from 'zod';
import { Permission } from '../cloud/permissions';

/** `GET /api/session`: who is signed in, what the install may do, and the CSRF token. */
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
  /**
   * Whether this user may change the settings and import watchlists: false when the
   * install names its settings editors (SETTINGS_EDITORS) and this user is not one.
   */
  can_edit_settings: z.boolean(),
});
export type SessionDto = z.infer<typeof SessionDto>;
