import type { Clock } from '../clock';
import type { CloudClient, InstallCloudClient } from '../cloud/cloud-client';
import { createKycRepositories } from '../db/kyc-repositories';
import type { Db } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { Logger } from '../logging/logger';
import { createAssessmentService } from './assessment-service';
import { createAssignmentService } from './assignment-service';
import { createBulkApprovalService } from './bulk-approval-service';
import { createCaseService } from './case-service';
import { createDashboardService } from './dashboard-service';
import { createDecisionService } from './decision-service';
import { createExportService } from './export-service';
import { createHitDispositionService } from './hit-disposition-service';
import { createIdentitySyncService } from './identity-sync-service';
import { createMonitoringService } from './monitoring-service';
import { createNoteService } from './note-service';
import { createInfoRequestService } from './info-request-service';
import type { InstallService } from './install-service';
import { withKeyVerdicts } from './key-aware-cloud';
import { createOutboxWorker } from './outbox-worker';
import { newReplicaId } from './replica-id';
import type { Session } from './session';
import { requireRoleOf } from './kyc-access';
import { createSettingsImpact } from './settings-impact';
import { createSettingsService } from './settings-service';
import { createSyncLease } from './sync-lease';
import { createWatchlistService } from './watchlist-service';
import { createWatchlistWorkers } from './watchlist-worker/watchlist-workers';

export type ReviewServiceDeps = {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly repos: Repositories;
  readonly installs: InstallService;
  readonly cloud: CloudClient;
  readonly cloudFor: (session: Session) => InstallCloudClient;
  readonly demoWatchlistCsv: string | null;
};

export type ReviewServices = ReturnType<typeof createReviewServices>;

/** The review workflow (issue 5): cases, decisions, the outbox, settings and watchlists. */
export function createReviewServices({
  db,
  clock,
  logger,
  repos,
  installs,
  cloud,
  cloudFor,
  demoWatchlistCsv,
}: ReviewServiceDeps) {
  const kyc = createKycRepositories(db);
  // Settings and watchlist changes re-assess every case in the background.
  const reassess = (installedAppId: string) => sync.reassess(installedAppId);
  const settings = createSettingsService({ kyc, history: repos.settingsHistory, clock, onChange: reassess });
  const watchlistWorkers = createWatchlistWorkers();
  const watchlist = createWatchlistService({
    repos,
    kyc,
    clock,
    logger,
    demoCsvPath: demoWatchlistCsv,
    onChange: reassess,
    workers: watchlistWorkers,
    settingsOf: (installedAppId) => settings.current(installedAppId).settings,
  });
  const grantsOf = (installedAppId: string) => repos.sync.installs.find(installedAppId)?.grantedPermissions ?? [];
  const monitoring = createMonitoringService({ kyc, clock, settings, grantsOf });
  const assessment = createAssessmentService({ kyc, clock, settings, watchlist, monitoring });
  const settingsImpact = createSettingsImpact({ kyc, clock, settings, watchlist, monitoring });
  const versionsOf = (installedAppId: string) => ({
    watchlist: kyc.watchlist.state(installedAppId).version,
    settings: settings.current(installedAppId).version,
  });
  // This process among the replicas on one database: it names the leases it holds.
  const replicaId = newReplicaId();
  const heldElsewhere = (installedAppId: string) => {
    const lease = repos.sync.syncLeases.holder(installedAppId, clock.now().getTime());
    return lease !== null && lease.holder !== replicaId;
  };
  const sync = createIdentitySyncService({
    kyc,
    clock,
    logger,
    assessment,
    versionsOf,
    afterSync: (installedAppId) => monitoring.openDueReviews(installedAppId),
    lease: createSyncLease({ leases: repos.syncLeases, clock, logger, holder: replicaId }),
    heldElsewhere,
  });
  const cases = createCaseService({ kyc, clock, logger, assessment, sync, cloudFor });
  const decisions = createDecisionService({ kyc, clock, cases });
  const bulkApprovals = createBulkApprovalService({ kyc, clock, logger, decisions });
  const hits = createHitDispositionService({ kyc, clock, cases, assessment });
  const notes = createNoteService({ kyc, clock, cases });
  const infoRequests = createInfoRequestService({ kyc, clock, cases, decisions });
  const assignment = createAssignmentService({ kyc, reviewers: repos.sync.reviewers, clock, cases });
  // The audit trail export is for leads and admins (decision 017).
  const canExportAudit = (session: Session) => {
    requireRoleOf(session, 'lead');
  };
  const dashboard = createDashboardService({ repos, clock, sync, cloudFor });
  const exports = createExportService({ repos, kyc, clock, logger, canExportAudit, cases });

  /** The outbox has no session: the client comes from the install row, as for a session. */
  const clientFor = (installedAppId: string): InstallCloudClient | null => {
    const install = repos.sync.installs.find(installedAppId);
    if (install?.status !== 'active') return null;
    const key = installs.keyHandle(installedAppId);
    const client = cloud.forInstall({
      installedAppId,
      instanceId: install.instanceId,
      grantedPermissions: install.grantedPermissions,
      apiKey: key.apiKey,
    });
    return withKeyVerdicts(client, key, install.keyRejectedAt !== null);
  };
  const outbox = createOutboxWorker({ outbox: repos.outbox, clock, logger, clientFor, workerId: replicaId });

  /**
   * After a start: a re-assessment (a monitoring run after an import or a settings save) that a
   * crash cut off left cases assessed under the older version; each such install's run starts
   * again and picks up where it stopped (only stale cases are re-assessed, and a change already
   * recorded raises nothing again). So does a sync's duplicates pass that left identities
   * marked (decision 019). Returns the installs resumed.
   */
  const resumeInterruptedReassessments = (): string[] => {
    const installs = [...new Set([...kyc.caseScan.installsWithStaleCases(), ...kyc.mirror.installsMarkedForRelink()])];
    for (const installedAppId of installs) reassess(installedAppId);
    return installs;
  };

  return {
    kyc,
    resumeInterruptedReassessments,
    settings,
    settingsImpact,
    watchlist,
    watchlistWorkers,
    assessment,
    sync,
    cases,
    decisions,
    bulkApprovals,
    hits,
    notes,
    infoRequests,
    assignment,
    exports,
    dashboard,
    outbox,
  };
}
