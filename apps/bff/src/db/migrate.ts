import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './open-database';
import { ensureQueueSchema } from './queue-schema';

export type Migration = { readonly version: number; readonly name: string; readonly sql: string };

const FILE = /^(\d{4})-[a-z0-9-]+\.sql$/;

/**
 * `migrations/` sits next to this module in src and next to dist/index.js in the bundle
 * (build.mjs copies it), so the same relative URL works in both.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Numbered, append-only migrations: `NNNN-name.sql`. Adding one is dropping a file. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): readonly Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((name) => {
      const match = FILE.exec(name);
      if (match?.[1] === undefined) throw new Error(`Migration file "${name}" must be named NNNN-kebab-name.sql`);
      return { version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${m.name}`);
  });
  return migrations;
}

/**
 * Applies every pending migration in ONE transaction, then brings the queue's derived
 * indexes and counts in line (db/queue-schema.ts) in the same one; returns the versions applied.
 */
export function migrate(db: Db, migrations: readonly Migration[] = loadMigrations()): readonly number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const apply = db.transaction(() => {
    const current = appliedVersion(db);
    const pending = migrations.filter((m) => m.version > current);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
    ensureQueueSchema(db);
    return pending.map((m) => m.version);
  });
  // IMMEDIATE: two processes starting together do not both try to apply the same file.
  return apply.immediate();
}

export function appliedVersion(db: Db): number {
  const row: unknown = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get();
  const v = typeof row === 'object' && row !== null && 'v' in row ? row.v : null;
  return typeof v === 'number' ? v : 0;
}
