import { z } from 'zod';
import type { Db } from './open-database';

// The queue's kept counts (docs/decisions/019): tables of "how many listed cases have these
// values", kept by triggers on kyc_cases so they move in the same transaction as the case
// whoever writes it, and no request counts the install's cases. Derived like the queue's
// indexes: created, or re-created and recounted when missing or different, at every start.

/** One column of a counts table: how it is declared, and how it is read from a kyc_cases row. */
export type CountDimension = {
  /** The column's name in the counts table. */
  readonly name: string;
  /** Its declaration there (NOT NULL, and the collation it is compared with). */
  readonly declared: string;
  /** Its value for a row of kyc_cases (`new`, `old`, or a bare row in the recount). */
  readonly of: (row: 'new.' | 'old.' | '') => string;
  /** What it is grouped by in a recount (with the collation it is compared with). */
  readonly grouped: string;
  /** The kyc_cases columns it is computed from (an UPDATE OF them moves a case between rows). */
  readonly sources: readonly string[];
};

export type CountTable = { readonly name: string; readonly dimensions: readonly CountDimension[] };

/**
 * A kyc_cases column counted as it is (with a collation, e.g. `country COLLATE NOCASE`). A
 * generated column names the stored columns it is computed from (`sources`): an UPDATE OF
 * names only those.
 */
export function columnDimension(column: string, sources?: readonly string[]): CountDimension {
  const [name = column, ...rest] = column.split(/\s+/);
  const collation = rest.join(' ');
  return {
    name,
    declared: `${name} NOT NULL${collation === '' ? '' : ` ${collation}`}`,
    of: (row) => `${row}${name}`,
    grouped: column,
    sources: sources ?? [name],
  };
}

/** The day a case is due (UTC, `YYYY-MM-DD`; 9999-12-31 for a case nobody waits for). */
export const dueDayDimension: CountDimension = {
  name: 'due_day',
  declared: 'due_day NOT NULL',
  of: (row) => `substr(${row}due_at, 1, 10)`,
  grouped: 'substr(due_at, 1, 10)',
  sources: ['due_at'],
};

function triggers(t: CountTable): ReadonlyMap<string, string> {
  const names = t.dimensions.map((d) => d.name);
  const cols = names.join(', ');
  const of = (row: 'new.' | 'old.') => t.dimensions.map((d) => d.of(row)).join(', ');
  const match = (row: 'new.' | 'old.') => t.dimensions.map((d) => `${d.name} = ${d.of(row)}`).join(' AND ');
  const add = `INSERT INTO ${t.name} (installed_app_id, ${cols}, n) VALUES (new.installed_app_id, ${of('new.')}, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;`;
  const remove = `UPDATE ${t.name} SET n = n - 1 WHERE installed_app_id = old.installed_app_id AND ${match('old.')};
    DELETE FROM ${t.name} WHERE installed_app_id = old.installed_app_id AND ${match('old.')} AND n <= 0;`;
  const sources = [...new Set(['listed', ...t.dimensions.flatMap((d) => d.sources)])];
  const changed = [
    'old.listed IS NOT new.listed',
    ...t.dimensions.map((d) => `${d.of('old.')} IS NOT ${d.of('new.')}`),
  ].join(' OR ');
  const on = `ON kyc_cases`;
  return new Map([
    [`${t.name}_insert`, `CREATE TRIGGER ${t.name}_insert AFTER INSERT ${on} WHEN new.listed = 1 BEGIN ${add} END`],
    [`${t.name}_delete`, `CREATE TRIGGER ${t.name}_delete AFTER DELETE ${on} WHEN old.listed = 1 BEGIN ${remove} END`],
    // Two triggers for an update: leaving the old combination, entering the new one.
    [
      `${t.name}_update_old`,
      `CREATE TRIGGER ${t.name}_update_old AFTER UPDATE OF ${sources.join(', ')} ${on}
        WHEN old.listed = 1 AND (${changed}) BEGIN ${remove} END`,
    ],
    [
      `${t.name}_update_new`,
      `CREATE TRIGGER ${t.name}_update_new AFTER UPDATE OF ${sources.join(', ')} ${on}
        WHEN new.listed = 1 AND (${changed}) BEGIN ${add} END`,
    ],
  ]);
}

function tableSql(t: CountTable): string {
  const key = ['installed_app_id', ...t.dimensions.map((d) => d.name)].join(', ');
  return `CREATE TABLE ${t.name} (installed_app_id TEXT NOT NULL, ${t.dimensions.map((d) => d.declared).join(', ')}, n INTEGER NOT NULL, PRIMARY KEY (${key})) WITHOUT ROWID`;
}

const SchemaRow = z.object({ type: z.string(), name: z.string(), sql: z.string().nullable(), rowid: z.number() });
const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/**
 * Creates or re-creates each counts table and its triggers; recounts a table when any of them
 * was missing or different. Its triggers must also be the newest on kyc_cases: SQLite fires a
 * table's triggers newest first, and a dimension computed by another trigger after an insert
 * (the due date, migration 0016) is counted right only when the insert was counted before that
 * trigger moves it. Returns the tables recounted.
 */
export function ensureCountTables(db: Db, tables: readonly CountTable[]): string[] {
  const existing = new Map(
    db
      .prepare(`SELECT type, name, sql, rowid FROM sqlite_master WHERE type IN ('table', 'trigger')`)
      .all()
      .map((raw) => SchemaRow.parse(raw))
      .map((r) => [r.name, r] as const),
  );
  const ours = new Set(tables.flatMap((t) => [...triggers(t).keys()]));
  const newestOther = Math.max(
    0,
    ...[...existing.values()]
      .filter((r) => r.type === 'trigger' && !ours.has(r.name) && /\bON\s+kyc_cases\b/i.test(r.sql ?? ''))
      .map((r) => r.rowid),
  );
  const recounted: string[] = [];
  for (const t of tables) {
    let recount = false;
    const sql = tableSql(t);
    const have = existing.get(t.name)?.sql;
    if (have === undefined || have === null || squash(have) !== squash(sql)) {
      if (have !== undefined) db.exec(`DROP TABLE ${t.name}`);
      db.exec(sql);
      recount = true;
    }
    const wanted = triggers(t);
    const stale = [...wanted].some(([name, text]) => {
      const row = existing.get(name);
      return row?.sql == null || squash(row.sql) !== squash(text) || row.rowid < newestOther;
    });
    if (stale) {
      for (const [name, text] of wanted) {
        if (existing.has(name)) db.exec(`DROP TRIGGER ${name}`);
        db.exec(text);
      }
      recount = true;
    }
    if (!recount) continue;
    const names = t.dimensions.map((d) => d.name).join(', ');
    db.exec(`DELETE FROM ${t.name}`);
    db.exec(`INSERT INTO ${t.name} (installed_app_id, ${names}, n)
      SELECT installed_app_id, ${t.dimensions.map((d) => d.of('')).join(', ')}, COUNT(*) FROM kyc_cases WHERE listed = 1
      GROUP BY installed_app_id, ${t.dimensions.map((d) => d.grouped).join(', ')}`);
    recounted.push(t.name);
  }
  return recounted;
}
