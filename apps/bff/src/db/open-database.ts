import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** The one place a connection is opened, so every connection has the same pragmas. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  // WAL lets readers proceed while a writer commits; in-memory databases ignore it.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Several processes (or replicas on one disk) wait for the lock instead of failing.
  db.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk before we answer. NORMAL (common with WAL) may drop the last
  // commits on power loss or an OS crash, and an acknowledged decision must never be lost.
  db.pragma('synchronous = FULL');
  return db;
}
