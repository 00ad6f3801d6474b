/**
 * The small async SQL layer the storage repositories are written against, once, for both
 * engines (docs/decisions/022-postgresql-and-replicas.md). Statements use `?` placeholders
 * (the PostgreSQL driver numbers them `$1…`) and SQL both engines read the same way.
 */

/** A value bound to a placeholder. Epoch milliseconds are numbers; flags are 0/1. */
export type SqlParam = string | number | null;

export type Engine = 'sqlite' | 'postgres';

/** Runs statements: the whole database (each statement on its own) or one transaction. */
export interface SqlExecutor {
  readonly engine: Engine;
  /** Every row the statement returns. Rows are outside data: parse them. */
  readonly all: (text: string, params?: readonly SqlParam[]) => Promise<unknown[]>;
  /** The first row, or undefined. */
  readonly one: (text: string, params?: readonly SqlParam[]) => Promise<unknown>;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  readonly run: (text: string, params?: readonly SqlParam[]) => Promise<number>;
  /** Runs several statements without parameters (a migration file). */
  readonly script: (text: string) => Promise<void>;
}

export type TransactionOptions = {
  /**
   * Work that must run once across replicas (migrations): PostgreSQL takes this advisory
   * lock first, at READ COMMITTED, so each statement after it sees what the previous holder
   * committed (a SERIALIZABLE snapshot would predate the wait). SQLite's BEGIN IMMEDIATE is
   * already that lock.
   */
  readonly lockKey?: number;
};

export interface SqlDatabase extends SqlExecutor {
  /**
   * Runs `fn` in one transaction that behaves as if it ran alone (SQLite: BEGIN IMMEDIATE,
   * one at a time; PostgreSQL: SERIALIZABLE, retried on a serialization failure). `fn` may
   * run more than once on PostgreSQL, so it must do nothing outside the database, and it
   * must await nothing but `tx` (on SQLite no other statement runs until it ends).
   */
  readonly transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions) => Promise<T>;
  /**
   * Statements, each its own commit, that need no fsync of their own: rows removed or written
   * again at start, or covered by a later durable commit (an import's chunks; issue 13). SQLite
   * commits each write at `synchronous = NORMAL` and is back at FULL before anything else
   * runs; PostgreSQL runs it with `synchronous_commit = off`.
   */
  readonly rederivable: SqlExecutor;
  readonly close: () => Promise<void>;
}

/** `?, ?, ?` for a list bound one value per placeholder (SQL `IN (…)`). */
export function placeholders(count: number): string {
  if (count < 1) throw new Error('an IN list needs at least one value');
  return Array.from({ length: count }, () => '?').join(', ');
}
