import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { assertSyncWriteAllowed, guardSyncWrites } from './sqlite-write-guard';

export type Db = Database.Database;

/** The one place a connection is opened, so every connection has the same pragmas. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') ownerOnlyFiles(path);
  const db = new Database(path);
  // WAL lets readers proceed while a writer commits; in-memory databases ignore it.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Several processes (or replicas on one disk) wait for the lock instead of failing.
  db.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk before we answer. NORMAL (common with WAL) may drop the last
  // commits on power loss or an OS crash, and an acknowledged decision must never be lost.
  db.pragma('synchronous = FULL');
  // A deleted or overwritten row (an uninstalled install's key envelope) is zeroed on disk,
  // not left in a free page for anyone with the file to read (docs/cloud-contract.md §8).
  db.pragma('secure_delete = ON');
  // The queue's indexes make every case write touch ~30 B-tree pages: a 32 MiB page cache
  // (default 2 MiB) keeps them in memory, and checkpointing the WAL every 10 000 pages
  // (default 1 000) copies a page rewritten by several commits once. Measured by
  // bench/sync.ts (decision 019).
  db.pragma('cache_size = -32768');
  db.pragma('wal_autocheckpoint = 10000');
  // Before anything prepares a statement: a synchronous write never lands inside an open
  // async transaction (decision 022, db/sqlite-write-guard.ts).
  guardSyncWrites(db);
  return db;
}

/**
 * The database holds encrypted keys and customers' personal data: its files are created
 * 0600 (owner only), and existing ones are tightened. SQLite creates the -wal and -shm
 * files with the main file's mode.
 */
function ownerOnlyFiles(path: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

/**
 * Copies the WAL into the database file and truncates it, so rows overwritten with
 * secure_delete (a destroyed key envelope) leave no earlier copy in the WAL either.
 */
export function checkpointWal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * The write transaction every service uses: BEGIN IMMEDIATE takes the write lock before the
 * first read, so a read-then-write step (idempotency, single-use tokens, a decision) cannot
 * interleave with another connection. Refused (StorageBusyError) while an async transaction
 * of the storage driver is open on the connection: it would join that transaction.
 */
export function immediateTransaction(db: Db): <T>(fn: () => T) => T {
  return (fn) => {
    assertSyncWriteAllowed(db);
    return db.transaction(fn).immediate();
  };
}

/**
 * The same, for writes the next sync derives again from Cloud if they are lost (the identity
 * mirror and the cases assessed from it, with the alerts and audit rows of the same
 * transaction): committed with `synchronous = NORMAL`, then FULL again before anything else
 * runs (the connection is the process's only one and better-sqlite3 is synchronous). With
 * WAL, NORMAL skips the fsync of each commit: a power loss may drop the last such commits
 * whole (never half of one, never a FULL commit, whose fsync also covers every earlier
 * one). Measured on this machine: a commit's p99 17–170 ms with FULL, 4–6 ms with NORMAL;
 * the sync commits every 15 ms slice, so its fsyncs held every request (decision 019).
 * Inside a transaction it joins it, with that transaction's level.
 */
export function rederivableTransaction(db: Db): <T>(fn: () => T) => T {
  return (fn) => {
    assertSyncWriteAllowed(db);
    if (db.inTransaction) return db.transaction(fn).immediate();
    db.pragma('synchronous = NORMAL');
    try {
      return db.transaction(fn).immediate();
    } finally {
      db.pragma('synchronous = FULL');
    }
  };
}
