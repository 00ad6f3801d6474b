import { createAuditRepository } from './audit-repository';
import { createCallbackEventRepository } from './callback-event-repository';
import { createInstallRepository } from './install-repository';
import { createInvitationRepository } from './invitation-repository';
import { createLaunchTokenRepository } from './launch-token-repository';
import { checkpointWal, immediateTransaction, type Db } from './open-database';
import { createRecoveryCodeRepository } from './recovery-code-repository';
import { createRememberedDeviceRepository } from './remembered-device-repository';
import { createReviewerPolicyRepository } from './reviewer-policy-repository';
import { createReviewerRepository } from './reviewer-repository';
import { createSessionRepository } from './session-repository';
import { createSignInThrottleRepository } from './sign-in-throttle-repository';

export type Repositories = ReturnType<typeof createRepositories>;

/** Every repository over one connection, plus the write transaction services use. */
export function createRepositories(db: Db) {
  return {
    installs: createInstallRepository(db),
    callbackEvents: createCallbackEventRepository(db),
    launchTokens: createLaunchTokenRepository(db),
    sessions: createSessionRepository(db),
    reviewers: createReviewerRepository(db),
    invitations: createInvitationRepository(db),
    reviewerPolicy: createReviewerPolicyRepository(db),
    /** The reviewers' own audit entries (sign-in locks, role changes); the KYC repositories append theirs. */
    audit: createAuditRepository(db),
    recoveryCodes: createRecoveryCodeRepository(db),
    devices: createRememberedDeviceRepository(db),
    signInThrottle: createSignInThrottleRepository(db),
    transaction: immediateTransaction(db),
    /** After destroying a secret: no copy of the old pages stays in the WAL (see checkpointWal). */
    checkpoint(): void {
      checkpointWal(db);
    },
  };
}
