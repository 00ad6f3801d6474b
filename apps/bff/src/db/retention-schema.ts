import { z } from 'zod';
import type { SqlExecutor } from './sql/sql';

/**
 * Tables whose rows outlive the retention period. `installs` keeps the install's ids and
 * status (no key, no personal data) and `callback_events` its events' fingerprints, so a
 * replayed old event is still recognised; `retention_deletions` is the job's own guard.
 * Every other table with an `installed_app_id` column is the install's data and is deleted.
 */
export const KEPT_BEYOND_RETENTION: readonly string[] = ['installs', 'callback_events', 'retention_deletions'];

/**
 * Tables without an `installed_app_id` column that hold an install's rows through a parent
 * (a case, a reviewer): deleted by their parent's install, before the parent. A test fails on
 * any table that is neither keyed by install, listed here, nor in GLOBAL_TABLES.
 */
export const RETAINED_THROUGH_PARENT: Readonly<Record<string, string>> = {
  kyc_case_assessments: 'case_id IN (SELECT case_id FROM kyc_cases WHERE installed_app_id = ?)',
  kyc_case_baselines: 'case_id IN (SELECT case_id FROM kyc_cases WHERE installed_app_id = ?)',
  reviewer_recovery_codes: 'reviewer_id IN (SELECT reviewer_id FROM reviewers WHERE installed_app_id = ?)',
};

/** Tables that belong to no install. */
export const GLOBAL_TABLES: readonly string[] = ['schema_migrations', 'sqlite_sequence'];

const Names = z.array(z.object({ name: z.string() }));
const Edges = z.array(z.object({ child: z.string(), parent: z.string() }));

// The catalogue differs by engine; what is read from it is the same: names, and which table references which.
const CATALOGUE = {
  sqlite: {
    // Ordinary tables only: a virtual table and its shadow tables (the queue's search index,
    // migration 0026) are an index kept by triggers on their table, emptied with its rows.
    tables: `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'
      ORDER BY name`,
    keyed: `SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) c
      WHERE m.type = 'table' AND c.name = 'installed_app_id' ORDER BY m.name`,
    references: `SELECT m.name AS child, f."table" AS parent FROM sqlite_master m, pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table'`,
  },
  postgres: {
    tables: `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    keyed: `SELECT c.table_name AS name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.column_name = 'installed_app_id'
      ORDER BY c.table_name`,
    references: `SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint k
      JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
      WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace`,
  },
} as const;

/** Every table of the schema (not the engine's own). */
export async function schemaTables(sql: SqlExecutor): Promise<string[]> {
  return Names.parse(await sql.all(CATALOGUE[sql.engine].tables)).map((r) => r.name);
}

/** The tables, other than the kept ones, that carry an `installed_app_id` column. */
export async function tablesKeyedByInstall(sql: SqlExecutor): Promise<string[]> {
  const keyed = Names.parse(await sql.all(CATALOGUE[sql.engine].keyed)).map((r) => r.name);
  return keyed.filter((table) => !KEPT_BEYOND_RETENTION.includes(table));
}

/** A table deleted by retention, and the condition naming the install's rows (one `?`: the install). */
export type RetentionStep = { readonly table: string; readonly where: string };

/**
 * The install's tables in an order that deletes every referencing row before the row it
 * references: foreign keys are checked per statement on PostgreSQL (and SQLite's deferral
 * is not needed then). The tables kept beyond retention are referenced, never deleted.
 */
export async function retentionSteps(sql: SqlExecutor): Promise<RetentionStep[]> {
  const steps: RetentionStep[] = [
    ...Object.entries(RETAINED_THROUGH_PARENT).map(([table, where]) => ({ table, where })),
    ...(await tablesKeyedByInstall(sql)).map((table) => ({ table, where: 'installed_app_id = ?' })),
  ];
  const deleted = new Set(steps.map((s) => s.table));
  const edges = Edges.parse(await sql.all(CATALOGUE[sql.engine].references)).filter(
    (e) => e.child !== e.parent && deleted.has(e.child) && deleted.has(e.parent),
  );
  const ordered: RetentionStep[] = [];
  let left = steps;
  while (left.length > 0) {
    const remaining = new Set(left.map((s) => s.table));
    // Ready: no table still to delete references it.
    const ready = left.filter((s) => !edges.some((e) => e.parent === s.table && remaining.has(e.child)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...remaining].join(', ')}`);
    ordered.push(...ready);
    left = left.filter((s) => !ready.includes(s));
  }
  return ordered;
}
