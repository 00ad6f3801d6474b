import { createAuditRepository, type AuditRepository } from './audit-repository';
import { checkpointWal, type Db } from './open-database';
import { createSqliteSyncReads } from './sqlite-sync-reads';
import { sqliteDatabase } from './sql/sqlite-driver';
import { storageOver, transactional, type StorageRepositories, type Transactional } from './storage';

/**
 * What the lifecycle, session and reviewer services run on: the async storage of decision 022
 * over the app's SQLite connection, plus the audit trail, which is not converted yet (it stays
 * synchronous on the same connection, so an entry appended inside a transaction commits with it).
 */
export type TxRepositories = Transactional<
  StorageRepositories & {
    /** The reviewers' own audit entries (sign-in locks, role changes); the KYC repositories append theirs. */
    readonly audit: AuditRepository;
  }
>;

/** The repositories over the database; `TxRepositories` (what a transaction's callback gets) is a subset. */
export type Repositories = TxRepositories & {
  /** After destroying a secret: no copy of the old pages stays in the WAL (see checkpointWal). */
  readonly checkpoint: () => void;
  /** Synchronous reads for code not yet async (db/sqlite-sync-reads.ts). */
  readonly sync: ReturnType<typeof createSqliteSyncReads>;
};

export function createRepositories(db: Db): Repositories {
  const audit = createAuditRepository(db);
  return {
    ...transactional(sqliteDatabase(db), (sql) => ({ ...storageOver(sql), audit })),
    checkpoint: () => checkpointWal(db),
    sync: createSqliteSyncReads(db),
  };
}
