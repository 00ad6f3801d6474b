import type { Clock } from '../clock';
import { createCloudClient, type CloudClient, type InstallCloudClient } from '../cloud/cloud-client';
import { KeyRing } from '../crypto/key-ring';
import type { Db } from '../db/open-database';
import { createRepositories } from '../db/repositories';
import type { Config } from '../env';
import type { Logger } from '../logging/logger';
import { createAlertService } from './alert-service';
import { createSavedViewService } from './saved-view-service';
import { createIdentityNameRepository } from '../db/identity-name-repository';
import { createIdentityService } from './identity-service';
import { createInstallService } from './install-service';
import { createMirrorPurgeService } from './mirror-purge-service';
import { withKeyVerdicts } from './key-aware-cloud';
import { createPortalService } from './portal-service';
import { createRetentionService } from './retention-service';
import { createReviewerAccountService } from './reviewer-account-service';
import { createReviewerAdminService } from './reviewer-admin-service';
import { createReviewerAuthService } from './reviewer-auth-service';
import { createReviewServices } from './create-review-services';
import type { Session } from './session';
import { createSessionService } from './session-service';

export type ServiceDeps = {
  readonly db: Db;
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The Cloud client; tests may pass one with a shorter timeout or no retry delays. */
  readonly cloud?: CloudClient;
};

export type Services = ReturnType<typeof createServices>;

/** Wires repositories into use cases. New services (Cloud client, KYC) are added here. */
export function createServices({ db, config, clock, logger, cloud: givenCloud }: ServiceDeps) {
  const repos = createRepositories(db);
  const keyRing = new KeyRing(config.encryptionKeys);
  const mirrorPurge = createMirrorPurgeService({
    repos,
    checkpoint: repos.checkpoint,
    clock,
    logger,
    graceDays: config.uninstallPurgeDays,
  });
  const retention = createRetentionService({
    repos,
    checkpoint: repos.checkpoint,
    clock,
    logger,
    years: config.retentionYears,
  });
  const installs = createInstallService({
    repos,
    keyRing,
    clock,
    logger,
    syncReads: repos.sync.installs,
    // The review services are wired after the installs they depend on (late-bound below).
    onInstalled: (installedAppId) => afterInstall(installedAppId),
    onUninstalled: () => mirrorPurge.afterUninstall(),
  });
  const sessions = createSessionService({
    repos,
    clock,
    idleSeconds: config.sessionIdleSeconds,
    maxSeconds: config.sessionMaxSeconds,
  });
  const auth = createReviewerAuthService({
    repos,
    keyRing,
    clock,
    logger,
    legacyLeadUserIds: config.settingsEditors ?? [],
  });
  const reviewerAdmin = createReviewerAdminService({ repos, clock, auth });
  const account = createReviewerAccountService({ repos, keyRing, clock, auth });
  const portal = createPortalService({
    repos,
    clock,
    sessions,
    auth,
    publicUrl: config.publicUrl,
    tokenTtlSeconds: config.portalTokenTtlSeconds,
  });
  const cloud =
    givenCloud ??
    createCloudClient({
      baseUrl: config.cloudApiUrl,
      timeoutMs: config.cloudTimeoutMs,
      logger: { warn: ({ event, ...fields }) => logger.warn(typeof event === 'string' ? event : 'cloud_call', fields) },
    });
  /**
   * The Cloud client for the session's install: tenancy comes only from the session,
   * and the key is decrypted per call by the install service, never held here.
   */
  const cloudFor = (session: Session): InstallCloudClient => {
    // Cloud's verdict on the key marks or clears "needs a reinstall" (decision 009).
    const key = installs.keyHandle(session.installedAppId);
    const client = cloud.forInstall({
      installedAppId: session.installedAppId,
      instanceId: session.instanceId,
      grantedPermissions: session.grantedPermissions,
      apiKey: key.apiKey,
    });
    return withKeyVerdicts(client, key, session.installNeedsReinstall);
  };
  const identities = createIdentityService({ cloudFor });
  const savedViews = createSavedViewService({ repos, clock });
  const alerts = createAlertService({
    cloudFor,
    identityNames: createIdentityNameRepository(db),
    reviewerNames: (installedAppId, cloudUserIds) => repos.reviewers.namesByCloudUser(installedAppId, cloudUserIds),
  });
  let afterInstall: (installedAppId: string) => Promise<void> = () => Promise.resolve();
  const review = createReviewServices({
    db,
    clock,
    logger,
    repos,
    installs,
    cloud,
    cloudFor,
    demoWatchlistCsv: config.demoWatchlistCsv,
  });
  // Dev only (DEMO_WATCHLIST_CSV): a new install starts with the fictional demo list.
  afterInstall = (installedAppId) => review.watchlist.seedDemo(installedAppId);
  return {
    repos,
    installs,
    sessions,
    auth,
    reviewerAdmin,
    account,
    portal,
    identities,
    alerts,
    savedViews,
    review,
    mirrorPurge,
    retention,
  };
}
