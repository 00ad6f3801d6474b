import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appliedVersion, loadMigrations, migrate } from './migrate';
import { openDatabase } from './open-database';

describe('migrate', () => {
  it('applies every shipped migration once and records it', () => {
    const db = openDatabase(':memory:');
    const shipped = loadMigrations();
    expect(migrate(db)).toEqual(shipped.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    expect(appliedVersion(db)).toBe(shipped.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = openDatabase(':memory:');
    const migrations = [
      { version: 1, name: '0001-a.sql', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: '0002-b.sql', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, migrations)).toThrow(/nowhere/);
    expect(appliedVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')").all()).toEqual([]);
    db.close();
  });

  it('reads NNNN-name.sql files in order and refuses gaps or odd names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-mig-'));
    try {
      writeFileSync(join(dir, '0002-second.sql'), 'SELECT 2;');
      writeFileSync(join(dir, '0001-first.sql'), 'SELECT 1;');
      expect(loadMigrations(dir).map((m) => m.name)).toEqual(['0001-first.sql', '0002-second.sql']);
      writeFileSync(join(dir, '0004-gap.sql'), 'SELECT 4;');
      expect(() => loadMigrations(dir)).toThrow(/without gaps/);
      rmSync(join(dir, '0004-gap.sql'));
      writeFileSync(join(dir, 'third.sql'), 'SELECT 3;');
      expect(() => loadMigrations(dir)).toThrow(/NNNN-kebab-name/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a file database in WAL mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-db-'));
    try {
      const db = openDatabase(join(dir, 'nested', 'kyc.db'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
