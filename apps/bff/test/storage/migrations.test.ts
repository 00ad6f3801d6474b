import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from '../../src/db/postgres-migrate';
import { postgresDatabase } from '../../src/db/sql/postgres-driver';
import { createPostgresDatabase, ENGINES } from '../support/storage-engines';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('migrations on both engines', () => {
  it('number the same files: every SQLite migration has a PostgreSQL twin of the same name', () => {
    const sqlite = loadMigrations().map((m) => m.name);
    const postgres = loadMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name);
    expect(postgres).toEqual(sqlite);
  });

  it('PostgreSQL: two replicas starting together migrate once', async () => {
    const created = await createPostgresDatabase();
    cleanups.push(created.drop);
    const a = postgresDatabase({ url: created.url, poolSize: 2 });
    const b = postgresDatabase({ url: created.url, poolSize: 2 });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const [first, second] = await Promise.all([migratePostgres(a), migratePostgres(b)]);
    const applied = [...first, ...second].sort((x, y) => x - y);
    expect(applied).toEqual(loadMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.version));
    expect(await a.one('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM schema_migrations')).toEqual({
      n: applied.length,
    });
    // A later start applies nothing.
    expect(await migratePostgres(a)).toEqual([]);
  });

  it('SQLite: two processes on one file migrate once (BEGIN IMMEDIATE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-migrate-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const a = openDatabase(join(dir, 'kyc.db'));
    const b = openDatabase(join(dir, 'kyc.db'));
    cleanups.push(() => {
      a.close();
      b.close();
    });
    const first = migrate(a);
    const second = migrate(b);
    expect(first).toEqual(loadMigrations().map((m) => m.version));
    expect(second).toEqual([]);
  });

  describe.each(ENGINES)('$name', (engine) => {
    it('keeps the audit trail append-only in the database', async () => {
      const db = await engine.open();
      cleanups.push(() => db.close());
      await db.run(
        `INSERT INTO kyc_audit (installed_app_id, actor, action, at) VALUES ('instapp_1', 'system', 'sign_in:locked', '2026-12-01T00:00:00.000Z')`,
      );
      await expect(db.run(`UPDATE kyc_audit SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(db.run('DELETE FROM kyc_audit')).rejects.toThrow(/append-only/);
      expect(await db.all('SELECT actor FROM kyc_audit')).toEqual([{ actor: 'system' }]);
    });
  });
});
