import type { Permission } from '@kyc-review/contracts';
import { MissingPermissionError } from '../errors';
import type { Session } from './session';

/** The scope check every review route makes before anything reaches Cloud or the store. */
export function requireScope(session: Session, scope: Permission): void {
  if (!session.grantedPermissions.includes(scope)) throw new MissingPermissionError(scope);
}

/**
 * Who acts, for the audit trail and four eyes: the Cloud user id from the launch, the
 * only person identity Cloud gives the app (contract §3). Launches without one are
 * recorded against the install.
 */
export function actorOf(session: Session): string {
  return session.userId ?? `install:${session.installedAppId}`;
}

/** What every audited action carries besides its own before and after. */
export type ActionContext = { readonly requestId: string | null };
