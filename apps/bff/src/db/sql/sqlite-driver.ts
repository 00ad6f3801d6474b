import type { Statement } from 'better-sqlite3';
import type { Db } from '../open-database';
import type { SqlDatabase, SqlExecutor } from './sql';

/**
 * better-sqlite3 behind the async interface. There is one connection, so transactions are
 * serialized (one open at a time, from BEGIN IMMEDIATE to COMMIT), and a statement outside
 * a transaction waits until none is open instead of running inside somebody else's.
 * Code that still uses the connection synchronously (the aggregates not yet converted) does
 * not pass the gate; see decision 022 for what that means and why it is safe enough today.
 */
export function sqliteDatabase(db: Db): SqlDatabase {
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
  let written = 0;

  const direct: SqlExecutor = {
    engine: 'sqlite',
    all: (text, params = []) => Promise.resolve(prepare(text).all(...params)),
    one: (text, params = []) => Promise.resolve(prepare(text).get(...params)),
    run: (text, params = []) => {
      const changes = prepare(text).run(...params).changes;
      written += changes;
      return Promise.resolve(changes);
    },
    script: (text) => {
      db.exec(text);
      written += 1;
      return Promise.resolve();
    },
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
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      while (inTransaction) await ended();
      inTransaction = true;
      try {
        db.exec('BEGIN IMMEDIATE');
        written = 0;
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // Nothing of ours to undo: commit, so that a synchronous write of an aggregate not yet
          // converted, which ran between two of our awaits (decision 022), is not undone with us.
          db.exec(written === 0 ? 'COMMIT' : 'ROLLBACK');
          throw error;
        }
      } finally {
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
