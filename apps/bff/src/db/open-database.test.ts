import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { immediateTransaction, openDatabase, rederivableTransaction, type Db } from './open-database';

// PRAGMA synchronous: 1 is NORMAL, 2 is FULL.
const level = (db: Db) => db.pragma('synchronous', { simple: true });

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kyc-open-db-'));
  db = openDatabase(join(dir, 'kyc.db'));
  db.exec('CREATE TABLE t (v TEXT NOT NULL)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rederivableTransaction (the sync commits what Cloud gives again without an fsync each)', () => {
  it('commits with synchronous = NORMAL and sets FULL again before anything else runs', () => {
    expect(level(db)).toBe(2);
    const inside = rederivableTransaction(db)(() => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('mirrored');
      return level(db);
    });
    expect(inside).toBe(1);
    expect(level(db)).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('rolls back and still sets FULL again when the work throws', () => {
    expect(() =>
      rederivableTransaction(db)(() => {
        db.prepare('INSERT INTO t (v) VALUES (?)').run('half');
        throw new Error('poisoned page');
      }),
    ).toThrow('poisoned page');
    expect(level(db)).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('inside another transaction joins it at that transaction’s level (a decision stays FULL)', () => {
    immediateTransaction(db)(() => {
      rederivableTransaction(db)(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('joined'));
      expect(level(db)).toBe(2);
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
  });
});
