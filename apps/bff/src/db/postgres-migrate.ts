import { fileURLToPath } from 'node:url';
import { loadMigrations, type Migration } from './migrate';
import type { SqlDatabase } from './sql/sql';

/** The PostgreSQL twins of migrations/: the same numbers and names (a test holds them equal). */
export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations-pg/', import.meta.url));

/** Any constant: the key of the advisory lock every replica takes before migrating. */
const MIGRATION_LOCK = 7_203_114_015;

/**
 * Applies every pending PostgreSQL migration in ONE transaction, under a transaction-level
 * advisory lock: replicas starting together queue on the lock, and each after the first
 * finds nothing left to apply. Returns the versions this call applied.
 */
export async function migratePostgres(
  db: SqlDatabase,
  migrations: readonly Migration[] = loadMigrations(POSTGRES_MIGRATIONS_DIR),
): Promise<readonly number[]> {
  return db.transaction(
    async (tx) => {
      await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const row = await tx.one('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
      const current = typeof row === 'object' && row !== null && 'v' in row && typeof row.v === 'number' ? row.v : 0;
      const pending = migrations.filter((m) => m.version > current);
      for (const m of pending) {
        await tx.script(m.sql);
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
      }
      return pending.map((m) => m.version);
    },
    { lockKey: MIGRATION_LOCK },
  );
}
