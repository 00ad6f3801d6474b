import { Hono } from 'hono';
import type { SessionDto } from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import type { ReviewServices } from '../services/create-review-services';
import type { Session } from '../services/session';

export function toSessionDto(session: Session, canEditSettings: boolean): SessionDto {
  return {
    installed_app_id: session.installedAppId,
    instance_id: session.instanceId,
    organization_id: session.organizationId,
    user_id: session.userId,
    granted_permissions: [...session.grantedPermissions],
    expires_at: session.expiresAt.toISOString(),
    csrf_token: session.csrfToken,
    install_needs_reinstall: session.installNeedsReinstall,
    can_edit_settings: canEditSettings,
  };
}

/** `GET /api/session`: requireSession already resolved and slid the session. */
export function sessionRoutes({ editors }: Pick<ReviewServices, 'editors'>) {
  return new Hono<AppEnv>().get('/session', (c) =>
    c.json(toSessionDto(c.var.session, editors.canEdit(c.var.session)), 200),
  );
}
