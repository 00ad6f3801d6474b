import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { migratePostgres } from '../../src/db/postgres-migrate';
import { postgresDatabase } from '../../src/db/sql/postgres-driver';
import type { Engine, SqlDatabase } from '../../src/db/sql/sql';
import { sqliteDatabase } from '../../src/db/sql/sqlite-driver';

/** How a storage suite gets a fresh, migrated database of one engine. */
export type TestEngine = {
  readonly name: Engine;
  /** A new empty database, migrated; `close()` it after the test. */
  open(): Promise<SqlDatabase>;
  /**
   * Two connections (two replicas) to one new migrated database: two pools on PostgreSQL,
   * two better-sqlite3 connections to one file on SQLite. `close()` closes both and drops it.
   */
  openTwo(): Promise<{
    readonly first: SqlDatabase;
    readonly second: SqlDatabase;
    readonly close: () => Promise<void>;
  }>;
};

const POOL_SIZE = 4;

/** The PostgreSQL cluster's admin URL from the global setup, or the reason there is none (install hint). */
export function postgresAdminUrl(): string {
  const provided = inject('postgres');
  if ('error' in provided) throw new Error(provided.error);
  return provided.adminUrl;
}

export const withDatabase = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Creates an empty database on the cluster; returns its URL and a drop(). */
export async function createPostgresDatabase(
  template?: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const adminUrl = postgresAdminUrl();
  const name = `kyc_${randomBytes(6).toString('hex')}`;
  const admin = postgresDatabase({ url: adminUrl, poolSize: 1 });
  try {
    await admin.run(`CREATE DATABASE ${name}${template === undefined ? '' : ` TEMPLATE ${template}`}`);
  } finally {
    await admin.close();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const dropper = postgresDatabase({ url: adminUrl, poolSize: 1 });
      try {
        await dropper.run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.close();
      }
    },
  };
}

const sqlite: TestEngine = {
  name: 'sqlite',
  open: () => {
    const db = openDatabase(':memory:');
    migrate(db);
    return Promise.resolve(sqliteDatabase(db));
  },
  openTwo: () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-storage-'));
    const path = join(dir, 'kyc.db');
    const a = openDatabase(path);
    migrate(a);
    const first = sqliteDatabase(a);
    const second = sqliteDatabase(openDatabase(path));
    const close = async () => {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    };
    return Promise.resolve({ first, second, close });
  },
};

/** One migrated template per test file; each test gets a copy of it (CREATE DATABASE … TEMPLATE). */
let template: Promise<string> | null = null;
const migratedTemplate = () =>
  (template ??= (async () => {
    const created = await createPostgresDatabase();
    const db = postgresDatabase({ url: created.url, poolSize: 1 });
    try {
      await migratePostgres(db);
    } finally {
      await db.close();
    }
    return created.name;
  })());

const postgres: TestEngine = {
  name: 'postgres',
  open: async () => {
    const created = await createPostgresDatabase(await migratedTemplate());
    const db = postgresDatabase({ url: created.url, poolSize: POOL_SIZE });
    return {
      ...db,
      close: async () => {
        await db.close();
        await created.drop();
      },
    };
  },
  openTwo: async () => {
    const created = await createPostgresDatabase(await migratedTemplate());
    const first = postgresDatabase({ url: created.url, poolSize: POOL_SIZE });
    const second = postgresDatabase({ url: created.url, poolSize: POOL_SIZE });
    const close = async () => {
      await first.close();
      await second.close();
      await created.drop();
    };
    return { first, second, close };
  },
};

/** Both engines, for `describe.each(ENGINES)`: the same cases run unchanged against each. */
export const ENGINES: readonly TestEngine[] = [sqlite, postgres];
