import { checkpointWal, type Db } from './open-database';
import { createSqliteSyncReads } from './sqlite-sync-reads';
import { sqliteDatabase } from './sql/sqlite-driver';
import { storageOver, transactional, type StorageRepositories, type Transactional } from './storage';

/**
 * What the lifecycle, session, reviewer and outbox services run on: the async storage of
 * decision 022 over the app's SQLite connection (its audit trail included, so a reviewer's
 * entry commits with the change it records).
 */
export type TxRepositories = Transactional<StorageRepositories>;

/** The repositories over the database; `TxRepositories` (what a transaction's callback gets) is a subset. */
export type Repositories = TxRepositories & {
  /** After destroying a secret: no copy of the old pages stays in the WAL (see checkpointWal). */
  readonly checkpoint: () => void;
  /** Synchronous reads for code not yet async (db/sqlite-sync-reads.ts). */
  readonly sync: ReturnType<typeof createSqliteSyncReads>;
};

export function createRepositories(db: Db): Repositories {
  return {
    ...transactional(sqliteDatabase(db), storageOver),
    checkpoint: () => checkpointWal(db),
    sync: createSqliteSyncReads(db),
  };
}
