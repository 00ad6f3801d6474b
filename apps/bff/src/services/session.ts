import type { InstalledAppId, InstanceId, OrganizationId, Permission, ReviewerId, UserId } from '@kyc-review/contracts';
import type { Reviewer } from './reviewer';

/**
 * The launched browser session as routes see it (`c.var.session`): which install, what it
 * may do, and the reviewer signed in on it (or null: launched, not signed in; decision 017).
 * Built fresh on every /api request from the session, install and reviewer rows, so a role
 * change or a disable takes effect on the next call.
 */
export type Session = {
  /** sha256 of the cookie value; the value itself is never kept. */
  readonly idHash: string;
  readonly installedAppId: InstalledAppId;
  readonly instanceId: InstanceId;
  readonly organizationId: OrganizationId | null;
  /** The Cloud user the launch named, when Cloud sent one (docs/cloud-contract.md §3): never proof of who signed in. */
  readonly userId: UserId | null;
  readonly grantedPermissions: readonly Permission[];
  readonly apiKeyPrefix: string;
  /** Cloud refused the install's key: only a reinstall from Cloud helps (decision 009). */
  readonly installNeedsReinstall: boolean;
  readonly csrfToken: string;
  /** When the session ends if idle: min(last use + idle, absolute). */
  readonly expiresAt: Date;
  readonly absoluteExpiresAt: Date;
  /** The active reviewer signed in on this launch; null until someone signs in. */
  readonly reviewer: Reviewer | null;
  /** When the reviewer last proved their second factor (sign-in or step-up); null: never on this session. */
  readonly secondFactorAt: Date | null;
  /** Password accepted, second factor awaited (sign-in state `second_factor_required`). */
  readonly pendingReviewerId: ReviewerId | null;
};

/** A session with a reviewer signed in: what requireReviewer guarantees to the routes after it. */
export type SignedInSession = Session & { readonly reviewer: Reviewer };
