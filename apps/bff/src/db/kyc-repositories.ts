import { createAssignmentRepository } from './assignment-repository';
import { createSyncAuditRepository } from './audit-repository';
import { createCaseQueueRepository } from './case-queue-repository';
import { createCaseRepository } from './case-repository';
import { createCaseScanRepository } from './case-scan-repository';
import { createHitDispositionRepository } from './hit-disposition-repository';
import { createIdentityMirrorRepository } from './identity-mirror-repository';
import { createInfoRequestRepository } from './info-request-repository';
import { createMonitoringRepository } from './monitoring-repository';
import { createNoteRepository } from './note-repository';
import { immediateTransaction, rederivableTransaction, type Db } from './open-database';
import { createSyncOutboxRepository } from './outbox-repository';
import { createSyncSettingsHistoryRepository } from './settings-history-repository';
import { createSettingsRepository } from './settings-repository';
import { createSyncWatchlistReads } from './watchlist-repository';

export type KycRepositories = ReturnType<typeof createKycRepositories>;

/** The review workflow's repositories over one connection (migration 0003). */
export function createKycRepositories(db: Db) {
  return {
    mirror: createIdentityMirrorRepository(db),
    cases: createCaseRepository(db),
    caseScan: createCaseScanRepository(db),
    queue: createCaseQueueRepository(db),
    assignment: createAssignmentRepository(db),
    dispositions: createHitDispositionRepository(db),
    monitoring: createMonitoringRepository(db),
    outbox: createSyncOutboxRepository(db),
    audit: createSyncAuditRepository(db),
    notes: createNoteRepository(db),
    infoRequests: createInfoRequestRepository(db),
    /** The assessment's reads of the active version (synchronous); the watchlist itself is on the async storage (decision 022). */
    watchlist: createSyncWatchlistReads(db),
    settings: createSettingsRepository(db),
    /** The append in a settings save's synchronous transaction; reads are on the async storage (decision 022). */
    settingsHistory: createSyncSettingsHistoryRepository(db),
    transaction: immediateTransaction(db),
    /** For the sync's slices: what Cloud gives again is committed without an fsync each. */
    rederivableTransaction: rederivableTransaction(db),
  };
}
