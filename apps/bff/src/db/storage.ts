import { createAuditRepository } from './audit-repository';
import { createCallbackEventRepository } from './callback-event-repository';
import { createDashboardRepository } from './dashboard-repository';
import { createExportRepository } from './export-repository';
import { createInstallRepository } from './install-repository';
import { createInvitationRepository } from './invitation-repository';
import { createLaunchTokenRepository } from './launch-token-repository';
import { createMirrorPurgeRepository } from './mirror-purge-repository';
import { createOutboxRepository } from './outbox-repository';
import { createRecoveryCodeRepository } from './recovery-code-repository';
import { createRememberedDeviceRepository } from './remembered-device-repository';
import { createRetentionRepository } from './retention-repository';
import { createReviewerPolicyRepository } from './reviewer-policy-repository';
import { createReviewerRepository } from './reviewer-repository';
import { createSavedViewRepository } from './saved-view-repository';
import { createSessionRepository } from './session-repository';
import { createSettingsHistoryRepository } from './settings-history-repository';
import { createSignInThrottleRepository } from './sign-in-throttle-repository';
import { createSyncLeaseRepository } from './sync-lease-repository';
import { createWatchlistImportRepository } from './watchlist-import-repository';
import { createWatchlistRepository } from './watchlist-repository';
import type { SqlDatabase, SqlExecutor } from './sql/sql';

/**
 * The aggregates that run on both engines (decision 022), over one executor: the whole
 * database, or one transaction.
 */
export function storageOver(sql: SqlExecutor) {
  return {
    installs: createInstallRepository(sql),
    callbackEvents: createCallbackEventRepository(sql),
    launchTokens: createLaunchTokenRepository(sql),
    sessions: createSessionRepository(sql),
    reviewers: createReviewerRepository(sql),
    invitations: createInvitationRepository(sql),
    reviewerPolicy: createReviewerPolicyRepository(sql),
    recoveryCodes: createRecoveryCodeRepository(sql),
    devices: createRememberedDeviceRepository(sql),
    signInThrottle: createSignInThrottleRepository(sql),
    outbox: createOutboxRepository(sql),
    audit: createAuditRepository(sql),
    syncLeases: createSyncLeaseRepository(sql),
    savedViews: createSavedViewRepository(sql),
    retention: createRetentionRepository(sql),
    mirrorPurge: createMirrorPurgeRepository(sql),
    exports: createExportRepository(sql),
    dashboard: createDashboardRepository(sql),
    settingsHistory: createSettingsHistoryRepository(sql),
    watchlist: createWatchlistRepository(sql),
    watchlistImports: createWatchlistImportRepository(sql),
  };
}

export type StorageRepositories = ReturnType<typeof storageOver>;

/** `S` plus `transaction`: outside one it opens a transaction; inside one it joins it. */
export type Transactional<S> = S & {
  readonly transaction: <T>(fn: (tx: Transactional<S>) => Promise<T>) => Promise<T>;
  /**
   * The same repositories, each write its own commit without an fsync (`SqlDatabase.rederivable`):
   * for rows rederived or removed again at start. Inside a transaction: that transaction's.
   */
  readonly rederivable: S;
};

/**
 * Binds `build` to the database and to each transaction it opens. A transaction started from
 * a transaction's own repositories joins it (the callers compose steps that each "need a
 * transaction"); starting one from the outer repositories inside a transaction would wait
 * for itself on SQLite, so helpers take the `tx` they are given.
 */
export function transactional<S extends object>(db: SqlDatabase, build: (sql: SqlExecutor) => S): Transactional<S> {
  const inside = (sql: SqlExecutor): Transactional<S> => {
    const repositories = build(sql);
    const bound: Transactional<S> = { ...repositories, rederivable: repositories, transaction: (fn) => fn(bound) };
    return bound;
  };
  return {
    ...build(db),
    rederivable: build(db.rederivable),
    transaction: (fn) => db.transaction((sql) => fn(inside(sql))),
  };
}

export type Storage = Transactional<StorageRepositories>;

/** The storage of the converted aggregates over either engine (the storage suites use it as is). */
export const createStorage = (db: SqlDatabase): Storage => transactional(db, storageOver);
