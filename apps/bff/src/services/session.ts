import type { InstalledAppId, InstanceId, OrganizationId, Permission, UserId } from '@kyc-review/contracts';

/**
 * The signed-in browser session as routes see it (`c.var.session`): who, which install,
 * what it may do. Built fresh on every /api request from the session and install rows.
 */
export type Session = {
  /** sha256 of the cookie value; the value itself is never kept. */
  readonly idHash: string;
  readonly installedAppId: InstalledAppId;
  readonly instanceId: InstanceId;
  readonly organizationId: OrganizationId | null;
  readonly userId: UserId | null;
  readonly grantedPermissions: readonly Permission[];
  readonly apiKeyPrefix: string;
  /** Cloud refused the install's key: only a reinstall from Cloud helps (decision 009). */
  readonly installNeedsReinstall: boolean;
  readonly csrfToken: string;
  /** When the session ends if idle: min(last use + idle, absolute). */
  readonly expiresAt: Date;
  readonly absoluteExpiresAt: Date;
};
