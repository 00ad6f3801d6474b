import { z } from 'zod';
import {
  WatchlistEntry,
  WatchlistImportFormat,
  WatchlistListCount,
  WatchlistVersionMode,
  type WatchlistVersionDto,
} from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';
import { jsonTextValues } from './sql/json';
import { positional } from './sql/named';
import type { SqlExecutor, SqlParam } from './sql/sql';

const StateRow = z.object({ version: z.number().int(), updated_at: z.string() });
const VersionRow = z.object({
  version: z.number().int(),
  mode: WatchlistVersionMode,
  rolled_back_to: z.number().int().nullable(),
  entry_count: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  refused: z.number().int(),
  format: WatchlistImportFormat.nullable(),
  files: z.string(),
  lists: z.string(),
  created_by: z.string(),
  created_by_name: z.string().nullable(),
  created_at: z.string(),
  entries_kept: z.number().int(),
});

const EntryRow = z.object({ entry_id: z.string(), entry: z.string() });
/** A stored entry as text: its id (for keyset paging) and its JSON. */
export type StoredEntryRow = { readonly entryId: string; readonly json: string };
const StoredEntryRow = EntryRow.transform((r): StoredEntryRow => ({ entryId: r.entry_id, json: r.entry }));
const MaxInt = z.object({ n: z.number().int().nullable() });
const MaxText = z.object({ upto: z.string().nullable() });
const DiffRow = z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() });
const VersionNumber = z.object({ version: z.number().int() });

export type WatchlistState = { readonly version: number; readonly updatedAt: string | null };

/** A version as stored; `active` and `restorable` are the service's to say. */
export type WatchlistVersion = Omit<WatchlistVersionDto, 'active' | 'restorable'> & { readonly entriesKept: boolean };

/** Where a new version's entries come from, written one range of entry ids at a time. */
export type VersionSource =
  /** Entries of an earlier version, minus those an import stages and (replace) the lists it names. */
  | {
      readonly kind: 'version';
      readonly version: number;
      readonly exceptImportId: string | null;
      readonly exceptLists: readonly string[];
    }
  /** The entries an import staged. */
  | { readonly kind: 'staged'; readonly importId: string };

export type WatchlistRepository = ReturnType<typeof createWatchlistRepository>;

function toVersion(raw: unknown): WatchlistVersion {
  const { entries_kept, files, lists, ...row } = VersionRow.parse(raw);
  return {
    ...row,
    files: parseJsonColumn(z.array(z.string()), files, 'watchlist_versions.files'),
    lists: parseJsonColumn(z.array(WatchlistListCount), lists, 'watchlist_versions.lists'),
    entriesKept: entries_kept === 1,
  };
}

const toState = (raw: unknown): WatchlistState => {
  if (raw === undefined) return { version: 0, updatedAt: null };
  const row = StateRow.parse(raw);
  return { version: row.version, updatedAt: row.updated_at };
};
const toEntry = (raw: unknown): WatchlistEntry =>
  parseJsonColumn(WatchlistEntry, EntryRow.parse(raw).entry, 'watchlist_version_entries.entry');

const STATE = 'SELECT version, updated_at FROM watchlist_state WHERE installed_app_id = ?';
const ENTRIES_PAGE = `SELECT entry_id, entry FROM watchlist_version_entries
  WHERE installed_app_id = ? AND version = ? AND entry_id > ? ORDER BY entry_id LIMIT ?`;
// The last entry id of the next range of at most `limit` rows after `after` (NULL: none left).
const VERSION_RANGE_END = `SELECT MAX(entry_id) AS upto FROM (SELECT entry_id FROM watchlist_version_entries
  WHERE installed_app_id = ? AND version = ? AND entry_id > ? ORDER BY entry_id LIMIT ?) AS r`;
const STAGED_RANGE_END = `SELECT MAX(entry_id) AS upto FROM (SELECT entry_id FROM watchlist_import_rows
  WHERE installed_app_id = ? AND import_id = ? AND entry_id > ? ORDER BY entry_id LIMIT ?) AS r`;
const missingFrom = (alias: string, version: string, other: string) =>
  `NOT EXISTS (SELECT 1 FROM watchlist_version_entries o WHERE o.installed_app_id = @app AND o.version = ${version}
    AND o.entry_id = ${alias}.entry_id) AND ${alias}.installed_app_id = @app AND ${alias}.version = ${other}`;
const DIFF = `SELECT
    (SELECT CAST(COUNT(*) AS INTEGER) FROM watchlist_version_entries n WHERE ${missingFrom('n', '@from', '@to')}) AS added,
    (SELECT CAST(COUNT(*) AS INTEGER) FROM watchlist_version_entries f WHERE ${missingFrom('f', '@to', '@from')}) AS removed,
    (SELECT CAST(COUNT(*) AS INTEGER) FROM watchlist_version_entries n JOIN watchlist_version_entries f
      ON f.installed_app_id = n.installed_app_id AND f.version = @from AND f.entry_id = n.entry_id
      WHERE n.installed_app_id = @app AND n.version = @to AND n.entry <> f.entry) AS changed`;

/** The synchronous reads the code not yet async makes (decision 022): the assessment's version stamp and its fallback index build. */
export type SyncWatchlistReads = ReturnType<typeof createSyncWatchlistReads>;

/**
 * SQLite only, until cases and the assessment path are async (decision 022): the active
 * version (the stamp every assessment compares) and a version's entries (the index built on
 * the main thread when one is needed before any was loaded). Same SQL and parsers as below.
 */
export function createSyncWatchlistReads(db: Db) {
  const state = db.prepare(STATE);
  const page = db.prepare(ENTRIES_PAGE);
  return {
    state: (installedAppId: string): WatchlistState => toState(state.get(installedAppId)),
    /** A version's entries in entry_id order, `limit` at a time after `after` ('' for the first page). */
    entriesAfter: (installedAppId: string, version: number, after: string, limit: number): WatchlistEntry[] =>
      page.all(installedAppId, version, after, limit).map(toEntry),
  };
}

/**
 * Watchlist versions (migration 0017) on both engines (decision 022): each version's whole
 * list, and the pointer to the active one. A version's entries are written in ranges while
 * nothing reads them; moving the pointer (`activate`) is what makes it live.
 */
export function createWatchlistRepository(sql: SqlExecutor) {
  const named = async (text: string, params: Readonly<Record<string, SqlParam>>) => {
    const p = positional(text, params);
    return sql.one(p.text, p.params);
  };
  const rangeEnd = async (text: string, params: SqlParam[]) => MaxText.parse(await sql.one(text, params)).upto;

  return {
    async state(installedAppId: string): Promise<WatchlistState> {
      return toState(await sql.one(STATE, [installedAppId]));
    },
    /** The number a new version takes: above every version recorded or ever active. */
    async nextVersion(installedAppId: string): Promise<number> {
      const row = await sql.one(
        `SELECT MAX(version) AS n FROM (SELECT version FROM watchlist_versions WHERE installed_app_id = ?
          UNION ALL SELECT version FROM watchlist_state WHERE installed_app_id = ?) AS v`,
        [installedAppId, installedAppId],
      );
      return (MaxInt.parse(row).n ?? 0) + 1;
    },
    /** A version's entries in entry_id order, `limit` at a time after `after` ('' for the first page). */
    async entriesAfter(installedAppId: string, version: number, after: string, limit: number) {
      return (await sql.all(ENTRIES_PAGE, [installedAppId, version, after, limit])).map(toEntry);
    },
    /**
     * The same pages as stored text, for the index build in the build process (a child),
     * which parses and checks each entry itself (the main thread only reads rows).
     */
    async entryRowsAfter(installedAppId: string, version: number, after: string, limit: number) {
      return (await sql.all(ENTRIES_PAGE, [installedAppId, version, after, limit])).map((raw) =>
        StoredEntryRow.parse(raw),
      );
    },
    async version(installedAppId: string, version: number): Promise<WatchlistVersion | null> {
      const raw = await sql.one('SELECT * FROM watchlist_versions WHERE installed_app_id = ? AND version = ?', [
        installedAppId,
        version,
      ]);
      return raw === undefined ? null : toVersion(raw);
    },
    async versions(installedAppId: string, limit: number): Promise<WatchlistVersion[]> {
      const rows = await sql.all(
        'SELECT * FROM watchlist_versions WHERE installed_app_id = ? ORDER BY version DESC LIMIT ?',
        [installedAppId, limit],
      );
      return rows.map(toVersion);
    },
    /** Entries per list of a version being written (for its row). */
    async listCounts(installedAppId: string, version: number): Promise<{ list: string; count: number }[]> {
      const rows = await sql.all(
        `SELECT list, CAST(COUNT(*) AS INTEGER) AS count FROM watchlist_version_entries
          WHERE installed_app_id = ? AND version = ? GROUP BY list ORDER BY list`,
        [installedAppId, version],
      );
      return rows.map((raw) => WatchlistListCount.parse(raw));
    },
    /**
     * Writes the next range (at most `limit` source rows after `after`) of a new version's
     * entries; returns the range's last entry id, or null when the source is exhausted. The
     * range's bound is read first, then one INSERT … SELECT copies it (the source rows do not
     * change while a version is written).
     */
    async writeVersionRange(
      installedAppId: string,
      to: number,
      source: VersionSource,
      after: string,
      limit: number,
    ): Promise<string | null> {
      if (source.kind === 'staged') {
        const upto = await rangeEnd(STAGED_RANGE_END, [installedAppId, source.importId, after, limit]);
        if (upto !== null)
          await sql.run(
            `INSERT INTO watchlist_version_entries (installed_app_id, version, entry_id, entry, list)
              SELECT installed_app_id, CAST(? AS INTEGER), entry_id, entry, list FROM watchlist_import_rows
              WHERE installed_app_id = ? AND import_id = ? AND entry_id > ? AND entry_id <= ?`,
            [to, installedAppId, source.importId, after, upto],
          );
        return upto;
      }
      const upto = await rangeEnd(VERSION_RANGE_END, [installedAppId, source.version, after, limit]);
      if (upto === null) return null;
      await sql.run(
        `INSERT INTO watchlist_version_entries (installed_app_id, version, entry_id, entry, list)
          SELECT installed_app_id, CAST(? AS INTEGER), entry_id, entry, list FROM watchlist_version_entries v
          WHERE installed_app_id = ? AND version = ? AND entry_id > ? AND entry_id <= ?
            AND v.list NOT IN ${jsonTextValues(sql.engine)}
            AND NOT EXISTS (SELECT 1 FROM watchlist_import_rows r
              WHERE r.installed_app_id = ? AND r.import_id = ? AND r.entry_id = v.entry_id)`,
        [
          to,
          installedAppId,
          source.version,
          after,
          upto,
          JSON.stringify(source.exceptLists),
          installedAppId,
          source.exceptImportId ?? '',
        ],
      );
      return upto;
    },
    /** How version `to` differs from version `from`, by entry id. */
    async diff(installedAppId: string, from: number, to: number) {
      return DiffRow.parse(await named(DIFF, { app: installedAppId, from, to }));
    },
    /** The last entry id of the next range of at most `limit` entries of a version (null: none left). */
    versionRangeEnd(installedAppId: string, version: number, after: string, limit: number): Promise<string | null> {
      return rangeEnd(VERSION_RANGE_END, [installedAppId, version, after, limit]);
    },
    /** The same over an import's staged rows. */
    stagedRangeEnd(installedAppId: string, importId: string, after: string, limit: number): Promise<string | null> {
      return rangeEnd(STAGED_RANGE_END, [installedAppId, importId, after, limit]);
    },
    /** Deletes up to `limit` entries of a version; returns how many (0: none left). */
    deleteVersionEntries(installedAppId: string, version: number, limit: number): Promise<number> {
      return sql.run(
        `DELETE FROM watchlist_version_entries WHERE installed_app_id = ? AND version = ? AND entry_id IN
          (SELECT entry_id FROM watchlist_version_entries WHERE installed_app_id = ? AND version = ?
            ORDER BY entry_id LIMIT ?)`,
        [installedAppId, version, installedAppId, version, limit],
      );
    },
    /** Records a fully written version and makes it the active one. Call inside a transaction. */
    async activate(installedAppId: string, v: Omit<WatchlistVersion, 'entriesKept'>): Promise<void> {
      await sql.run(
        `INSERT INTO watchlist_versions (installed_app_id, version, mode, rolled_back_to, entry_count, added, removed,
          changed, refused, format, files, lists, created_by, created_by_name, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          installedAppId,
          v.version,
          v.mode,
          v.rolled_back_to,
          v.entry_count,
          v.added,
          v.removed,
          v.changed,
          v.refused,
          v.format,
          JSON.stringify(v.files),
          JSON.stringify(v.lists),
          v.created_by,
          v.created_by_name,
          v.created_at,
        ],
      );
      await sql.run(
        `INSERT INTO watchlist_state (installed_app_id, version, updated_at) VALUES (?, ?, ?)
          ON CONFLICT (installed_app_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
        [installedAppId, v.version, v.created_at],
      );
    },
    /** Versions below `keepFrom` stop being restorable; their entries are then deleted (`prunable`). */
    async markPrunedBelow(installedAppId: string, keepFrom: number): Promise<void> {
      await sql.run(
        'UPDATE watchlist_versions SET entries_kept = 0 WHERE installed_app_id = ? AND entries_kept = 1 AND version < ?',
        [installedAppId, keepFrom],
      );
    },
    /** Versions no longer restorable that still hold entries. */
    async prunable(installedAppId: string): Promise<number[]> {
      const rows = await sql.all(
        `SELECT v.version FROM watchlist_versions v
          WHERE v.installed_app_id = ? AND v.entries_kept = 0 AND EXISTS (SELECT 1 FROM watchlist_version_entries e
            WHERE e.installed_app_id = v.installed_app_id AND e.version = v.version) ORDER BY v.version`,
        [installedAppId],
      );
      return rows.map((raw) => VersionNumber.parse(raw).version);
    },
    /** At start-up: entries of a version never activated (a process stopped mid-write) or pruned. */
    async removeOrphanEntries(): Promise<void> {
      await sql.run(`DELETE FROM watchlist_version_entries WHERE (installed_app_id, version) NOT IN
        (SELECT installed_app_id, version FROM watchlist_versions WHERE entries_kept = 1)`);
    },
  };
}
