import type { Statement } from 'better-sqlite3';
import type { Db } from '../open-database';
import { guardSyncWrites } from '../sqlite-write-guard';
import type { SqlDatabase, SqlExecutor } from './sql';

/**
 * better-sqlite3 behind the async interface. There is one connection, so transactions are
 * serialized (one open at a time, from BEGIN IMMEDIATE to COMMIT), and a statement outside
 * a transaction waits until none is open instead of running inside somebody else's.
 * Code that still uses the connection synchronously (the aggregates not yet converted) does
 * not pass this queue: while a transaction is open, such a write is either kept whatever
 * the transaction does (before its first own write) or refused (after it); see
 * `../sqlite-write-guard.ts` and decision 022.
 */
export function sqliteDatabase(db: Db): SqlDatabase {
  const gate = guardSyncWrites(db);
  const statements = new Map<string, Statement>();
  const prepare = (text: string): Statement => {
    let statement = statements.get(text);
    if (statement === undefined) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  // True from BEGIN IMMEDIATE to COMMIT; whoever waits is woken when it ends. Each waiter
  // re-checks and acts with no await in between, so two cannot both find it free.
  let inTransaction = false;
  let waiters: (() => void)[] = [];
  const ended = () => new Promise<void>((resolve) => waiters.push(resolve));
  // The open transaction's first own write happened; it opened a savepoint first if a
  // synchronous write of other code had already landed in the transaction (../sqlite-write-guard.ts).
  const open = { ownWrote: false, savepoint: false };
  const began = () => {
    open.ownWrote = false;
    open.savepoint = false;
    gate.setOpen(true);
  };
  const beforeOwnWrite = () => {
    if (!inTransaction || open.ownWrote) return;
    open.ownWrote = true;
    if (gate.sawForeignWrite()) {
      db.exec('SAVEPOINT kyc_own_writes');
      open.savepoint = true;
    }
    gate.markOwnWrite();
  };
  // The transaction's own statements (and, outside one, every statement of this driver) pass the guard.
  const mine = <T>(text: string, use: (statement: Statement) => T): T =>
    gate.own(() => {
      const statement = prepare(text);
      if (!statement.readonly) beforeOwnWrite();
      return use(statement);
    });

  const direct: SqlExecutor = {
    engine: 'sqlite',
    all: (text, params = []) => Promise.resolve(mine(text, (s) => s.all(...params))),
    one: (text, params = []) => Promise.resolve(mine(text, (s) => s.get(...params))),
    run: (text, params = []) => Promise.resolve(mine(text, (s) => s.run(...params).changes)),
    script: (text) => {
      gate.own(() => {
        beforeOwnWrite();
        db.exec(text);
      });
      return Promise.resolve();
    },
  };

  // One statement committed on its own without an fsync (it runs synchronously, so FULL is
  // back before any other code runs).
  const lightly = <T>(text: string, use: (statement: Statement) => T): T =>
    mine(text, (statement) => {
      if (statement.readonly) return use(statement);
      db.pragma('synchronous = NORMAL');
      try {
        return use(statement);
      } finally {
        db.pragma('synchronous = FULL');
      }
    });
  const rederivable: SqlExecutor = {
    engine: 'sqlite',
    all: (text, params = []) => Promise.resolve(lightly(text, (s) => s.all(...params))),
    one: (text, params = []) => Promise.resolve(lightly(text, (s) => s.get(...params))),
    run: (text, params = []) => Promise.resolve(lightly(text, (s) => s.run(...params).changes)),
    script: direct.script,
  };

  // A statement outside a transaction runs (synchronously) once none is open: never inside another's.
  const outside =
    <A extends unknown[], T>(work: (...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      while (inTransaction) await ended();
      return work(...args);
    };

  return {
    engine: 'sqlite',
    all: outside(direct.all),
    one: outside(direct.one),
    run: outside(direct.run),
    script: outside(direct.script),
    rederivable: {
      engine: 'sqlite',
      all: outside(rederivable.all),
      one: outside(rederivable.one),
      run: outside(rederivable.run),
      script: outside(rederivable.script),
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      while (inTransaction) await ended();
      inTransaction = true;
      try {
        db.exec('BEGIN IMMEDIATE');
        began();
        try {
          const result = await fn(direct);
          gate.setOpen(false);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // Undo our own writes only: other code's synchronous writes that landed before the
          // first of them are kept (after it, the guard refused them).
          const keepForeign = gate.sawForeignWrite();
          gate.setOpen(false);
          if (open.savepoint) db.exec('ROLLBACK TO kyc_own_writes; RELEASE kyc_own_writes; COMMIT');
          else db.exec(keepForeign ? 'COMMIT' : 'ROLLBACK');
          throw error;
        }
      } finally {
        gate.setOpen(false);
        inTransaction = false;
        const woken = waiters;
        waiters = [];
        for (const wake of woken) wake();
      }
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
