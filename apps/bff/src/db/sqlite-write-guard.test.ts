import { describe, expect, it } from 'vitest';
import { StorageBusyError } from '../errors';
import { migrate } from './migrate';
import { immediateTransaction, openDatabase, rederivableTransaction, type Db } from './open-database';
import { sqliteDatabase } from './sql/sqlite-driver';
import { createStorage } from './storage';

// Decision 022's guard: while the storage driver's async transaction is open, a synchronous
// write of code not yet converted lands inside it. Before the transaction's own first write it
// is kept whatever the transaction does; after it, it is refused before it writes.

function open() {
  const db = openDatabase(':memory:');
  migrate(db);
  db.exec('CREATE TABLE guard_probe (n INTEGER NOT NULL)');
  const driver = sqliteDatabase(db);
  return { db, driver, storage: createStorage(driver) };
}

const probes = (db: Db) => db.prepare('SELECT n FROM guard_probe ORDER BY n').pluck().all();

/** Opens an async transaction that writes `n` and then waits for `release` before ending. */
function hold(driver: ReturnType<typeof sqliteDatabase>, n: number, end: 'commit' | 'fail') {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let started = () => {};
  const isOpen = new Promise<void>((resolve) => (started = resolve));
  const done = driver.transaction(async (tx) => {
    await tx.run('INSERT INTO guard_probe (n) VALUES (?)', [n]);
    started();
    await released;
    if (end === 'fail') throw new Error('the transaction failed after its own write');
  });
  return { isOpen, release, done };
}

describe('the guard against a synchronous write inside an open async transaction', () => {
  it('refuses every kind of synchronous write while one is open, writes nothing, and allows reads', async () => {
    const { db, driver } = open();
    const held = hold(driver, 1, 'commit');
    await held.isOpen;

    const insert = db.prepare('INSERT INTO guard_probe (n) VALUES (?)');
    expect(() => insert.run(2)).toThrow(StorageBusyError);
    expect(() => db.prepare('INSERT INTO guard_probe (n) VALUES (3) RETURNING n').get()).toThrow(StorageBusyError);
    expect(() => db.prepare("UPDATE installs SET status = 'uninstalled'").run()).toThrow(StorageBusyError);
    expect(() => db.exec('DELETE FROM guard_probe')).toThrow(StorageBusyError);
    // The helpers refuse on entry, before their first read.
    let ranInside = false;
    const step = () => {
      ranInside = true;
      insert.run(4);
    };
    expect(() => immediateTransaction(db)(step)).toThrow(StorageBusyError);
    expect(() => rederivableTransaction(db)(step)).toThrow(StorageBusyError);
    expect(ranInside).toBe(false);
    // A read writes nothing and is not refused (it sees the open transaction's row).
    expect(probes(db)).toEqual([1]);

    held.release();
    await held.done;
    // Nothing refused was written; the transaction's own row is committed.
    expect(probes(db)).toEqual([1]);
  });

  it('has the error say it is retryable: 503 storage_busy with Retry-After 1, nothing saved', () => {
    const error = new StorageBusyError();
    expect(error).toMatchObject({ code: 'storage_busy', status: 503, details: { retry_after: 1 } });
    expect(error.message).toContain('nothing was saved');
  });

  it('undoes all of a failed transaction, since nothing else can be in it', async () => {
    const { db, driver } = open();
    const held = hold(driver, 1, 'fail');
    await held.isOpen;
    expect(() => db.prepare('INSERT INTO guard_probe (n) VALUES (?)').run(2)).toThrow(StorageBusyError);
    held.release();
    await expect(held.done).rejects.toThrow('failed after its own write');
    expect(probes(db)).toEqual([]);
  });

  it('keeps a synchronous write that landed before the transaction’s first own write, even when it fails', async () => {
    const { db, driver } = open();
    const insert = db.prepare('INSERT INTO guard_probe (n) VALUES (?)');
    for (const end of ['fail', 'commit'] as const) {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let reading = () => {};
      const isReading = new Promise<void>((resolve) => (reading = resolve));
      const done = driver.transaction(async (tx) => {
        await tx.all('SELECT n FROM guard_probe');
        reading();
        await released;
        await tx.run('INSERT INTO guard_probe (n) VALUES (?)', [end === 'fail' ? 100 : 200]);
        if (end === 'fail') throw new Error('failed after its own write');
      });
      await isReading;
      // Only reads so far: the write is let in, and stays whatever the transaction does.
      insert.run(end === 'fail' ? 1 : 2);
      immediateTransaction(db)(() => insert.run(end === 'fail' ? 11 : 12));
      release();
      if (end === 'fail') await expect(done).rejects.toThrow('failed after its own write');
      else await done;
    }
    expect(probes(db)).toEqual([1, 2, 11, 12, 200]);
  });

  it('leaves the normal paths alone: synchronous writes between transactions, and transactions one after the other', async () => {
    const { db, driver, storage } = open();
    const insert = db.prepare('INSERT INTO guard_probe (n) VALUES (?)');
    insert.run(1);
    immediateTransaction(db)(() => insert.run(2));
    rederivableTransaction(db)(() => immediateTransaction(db)(() => insert.run(3)));

    await driver.transaction(async (tx) => {
      await tx.run('INSERT INTO guard_probe (n) VALUES (?)', [4]);
      await tx.run('INSERT INTO guard_probe (n) VALUES (?)', [5]);
    });
    // The driver's statements outside a transaction, a storage repository, and a joined transaction.
    await driver.run('INSERT INTO guard_probe (n) VALUES (?)', [6]);
    expect(
      await storage.transaction((tx) => tx.transaction((inner) => inner.installs.find('instapp_none'))),
    ).toBeNull();
    insert.run(7);
    // A statement waiting for the open transaction to end runs after it, not refused.
    const held = hold(driver, 8, 'commit');
    await held.isOpen;
    const waiting = driver.run('INSERT INTO guard_probe (n) VALUES (?)', [9]);
    held.release();
    await Promise.all([held.done, waiting]);
    insert.run(10);
    expect(probes(db)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses a synchronous write from inside the transaction callback too: only its own statements belong to it', async () => {
    const { db, driver } = open();
    const insert = db.prepare('INSERT INTO guard_probe (n) VALUES (?)');
    await expect(
      driver.transaction(async (tx) => {
        await tx.run('INSERT INTO guard_probe (n) VALUES (?)', [1]);
        insert.run(2);
      }),
    ).rejects.toThrow(StorageBusyError);
    expect(probes(db)).toEqual([]);
    insert.run(3);
    expect(probes(db)).toEqual([3]);
  });
});
