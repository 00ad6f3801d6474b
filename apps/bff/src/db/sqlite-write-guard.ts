import type { Statement } from 'better-sqlite3';
import { StorageBusyError } from '../errors';
import type { Db } from './open-database';

/**
 * The guard of decision 022 ("Consequences"). SQLite has one connection per process, and an
 * async transaction of the storage driver (`sql/sqlite-driver.ts`) stays open across the
 * awaits of its callback. Code of the aggregates still on synchronous better-sqlite3 uses the
 * same connection directly, so a synchronous ("foreign") write made between two of those
 * awaits lands inside the async transaction, and would be undone if that transaction failed.
 *
 * What the guard does, while an async transaction is open:
 * - before the transaction's first own write, a foreign write is let through, and the driver
 *   opens a savepoint at its first own write: a failure then undoes the transaction's own
 *   writes only (ROLLBACK TO, then COMMIT), and the foreign writes before it are kept;
 * - after the transaction's first own write, a foreign write is refused with
 *   `StorageBusyError` (503 `storage_busy`, `Retry-After: 1`) before it touches anything:
 *   a visible, retryable error instead of a silent loss.
 * The driver marks its own statements (`own`), synchronously, so nothing else can run while
 * the mark is set. Reads are never refused (they may see the open transaction's rows, as any
 * statement on one connection does; those rows are its own or kept foreign ones).
 *
 * Checked where a synchronous write can start: every statement that writes (better-sqlite3
 * says which: `readonly` is false for INSERT, UPDATE, DELETE, DDL, and RETURNING queries),
 * `exec`, and the synchronous transaction helpers (`open-database.ts`), which check on entry
 * so that a step refused is refused before its first read.
 */
export type AsyncTransactionGate = {
  /** From BEGIN to just before COMMIT/ROLLBACK of an async transaction (resets what it saw). */
  readonly setOpen: (open: boolean) => void;
  /** Runs one of the open transaction's own statements (synchronously). */
  readonly own: <T>(statement: () => T) => T;
  /** Whether a foreign write landed in the open transaction (before its first own write). */
  readonly sawForeignWrite: () => boolean;
  /** The open transaction's first own write is about to run: foreign writes are refused from now on. */
  readonly markOwnWrite: () => void;
};

type GateState = { open: boolean; owning: boolean; ownWrote: boolean; foreignWrote: boolean };

const gates = new WeakMap<Db, GateState>();

/**
 * Throws when a synchronous write would land inside an open async transaction that already
 * wrote (where its failure would undo it); otherwise notes that it landed there.
 */
export function assertSyncWriteAllowed(db: Db): void {
  const gate = gates.get(db);
  if (gate === undefined || !gate.open || gate.owning) return;
  if (gate.ownWrote) throw new StorageBusyError();
  gate.foreignWrote = true;
}

/**
 * Installs the guard on a connection (once; `openDatabase` does it before anything prepares a
 * statement, since a statement prepared earlier is not guarded) and returns its gate.
 */
export function guardSyncWrites(db: Db): AsyncTransactionGate {
  let gate = gates.get(db);
  if (gate === undefined) {
    const state: GateState = { open: false, owning: false, ownWrote: false, foreignWrote: false };
    gate = state;
    gates.set(db, state);
    const check = () => assertSyncWriteAllowed(db);
    const prepare = db.prepare.bind(db);
    const exec = db.exec.bind(db);
    db.prepare = ((source: string) => guardStatement(prepare(source), check)) as Db['prepare'];
    db.exec = (source: string) => {
      check();
      return exec(source);
    };
  }
  const state = gate;
  return {
    setOpen: (open) => {
      state.open = open;
      state.ownWrote = false;
      state.foreignWrote = false;
    },
    sawForeignWrite: () => state.foreignWrote,
    markOwnWrite: () => {
      state.ownWrote = true;
    },
    own: (statement) => {
      state.owning = true;
      try {
        return statement();
      } finally {
        state.owning = false;
      }
    },
  };
}

/** A statement that writes checks the gate each time it runs; a read-only one is left as is. */
function guardStatement(statement: Statement, check: () => void): Statement {
  if (statement.readonly) return statement;
  const run = statement.run.bind(statement);
  const get = statement.get.bind(statement);
  const all = statement.all.bind(statement);
  const iterate = statement.iterate.bind(statement);
  statement.run = (...params) => {
    check();
    return run(...params);
  };
  statement.get = (...params) => {
    check();
    return get(...params);
  };
  statement.all = (...params) => {
    check();
    return all(...params);
  };
  statement.iterate = (...params) => {
    check();
    return iterate(...params);
  };
  return statement;
}
