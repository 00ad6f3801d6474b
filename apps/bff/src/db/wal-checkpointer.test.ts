import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { startWalCheckpointer } from './wal-checkpointer';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('WAL checkpointer', () => {
  it('copies committed WAL frames into the database file from its worker; commits no longer checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-checkpoint-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'kyc.db');
    const db = openDatabase(path);
    cleanups.push(() => {
      db.close();
    });
    const warnings: string[] = [];
    const stop = startWalCheckpointer(db, path, { warn: (msg) => warnings.push(msg) });
    cleanups.push(stop);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 20; i++)
      db.transaction(() => {
        for (let j = 0; j < 300; j++) insert.run('x'.repeat(1000));
      })();
    // Six MB went to the WAL and the main connection cannot checkpoint (above): only the
    // worker can bring them into the file, within a few of its rounds.
    const deadline = Date.now() + 15_000;
    while (statSync(path).size < 5_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(path).size).toBeGreaterThan(5_000_000);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(6_000);
    expect(warnings).toEqual([]);
  });
});
