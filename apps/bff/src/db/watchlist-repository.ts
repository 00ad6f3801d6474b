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

/**
 * Watchlist versions (migration 0017): each version's whole list, and the pointer to the
 * active one. A version's entries are written in ranges while nothing reads them; moving
 * the pointer (`activate`) is what makes it live.
 */
export function createWatchlistRepository(db: Db) {
  const state = db.prepare('SELECT version, updated_at FROM watchlist_state WHERE installed_app_id = ?');
  const setActive = db.prepare(`INSERT INTO watchlist_state (installed_app_id, version, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (installed_app_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`);
  const latest = db.prepare(
    'SELECT MAX(version) FROM (SELECT version FROM watchlist_versions WHERE installed_app_id = @app UNION ALL SELECT version FROM watchlist_state WHERE installed_app_id = @app)',
  );
  const entriesPage = db.prepare(`SELECT entry FROM watchlist_version_entries
    WHERE installed_app_id = ? AND version = ? AND entry_id > ? ORDER BY entry_id LIMIT ?`);
  const entryRowsPage = db.prepare(`SELECT entry_id, entry FROM watchlist_version_entries
    WHERE installed_app_id = ? AND version = ? AND entry_id > ? ORDER BY entry_id LIMIT ?`);
  const versionRow = db.prepare('SELECT * FROM watchlist_versions WHERE installed_app_id = ? AND version = ?');
  const versionRows = db.prepare(
    'SELECT * FROM watchlist_versions WHERE installed_app_id = ? ORDER BY version DESC LIMIT ?',
  );
  const insertVersion = db.prepare(`INSERT INTO watchlist_versions (installed_app_id, version, mode, rolled_back_to,
      entry_count, added, removed, changed, refused, format, files, lists, created_by, created_by_name, created_at)
    VALUES (@app, @version, @mode, @rolled_back_to, @entry_count, @added, @removed, @changed, @refused, @format, @files,
      @lists, @created_by, @created_by_name, @created_at)`);
  const listCounts = db.prepare(`SELECT list, COUNT(*) AS count FROM watchlist_version_entries
    WHERE installed_app_id = ? AND version = ? GROUP BY list ORDER BY list`);
  // The last entry id of the next range of at most @limit rows after @after (NULL: none left).
  const versionRangeEnd = db.prepare(`SELECT MAX(entry_id) FROM (SELECT entry_id FROM watchlist_version_entries
    WHERE installed_app_id = @app AND version = @from AND entry_id > @after ORDER BY entry_id LIMIT @limit)`);
  const stagedRangeEnd = db.prepare(`SELECT MAX(entry_id) FROM (SELECT entry_id FROM watchlist_import_rows
    WHERE installed_app_id = @app AND import_id = @import AND entry_id > @after ORDER BY entry_id LIMIT @limit)`);
  const copyVersionRange =
    db.prepare(`INSERT INTO watchlist_version_entries (installed_app_id, version, entry_id, entry, list)
    SELECT installed_app_id, @to, entry_id, entry, list FROM watchlist_version_entries v
    WHERE installed_app_id = @app AND version = @from AND entry_id > @after AND entry_id <= @upto
      AND v.list NOT IN (SELECT value FROM json_each(@lists))
      AND NOT EXISTS (SELECT 1 FROM watchlist_import_rows r
        WHERE r.installed_app_id = @app AND r.import_id = @import AND r.entry_id = v.entry_id)`);
  const copyStagedRange =
    db.prepare(`INSERT INTO watchlist_version_entries (installed_app_id, version, entry_id, entry, list)
    SELECT installed_app_id, @to, entry_id, entry, list FROM watchlist_import_rows
    WHERE installed_app_id = @app AND import_id = @import AND entry_id > @after AND entry_id <= @upto`);
  const deleteVersionChunk = db.prepare(`DELETE FROM watchlist_version_entries WHERE rowid IN
    (SELECT rowid FROM watchlist_version_entries WHERE installed_app_id = ? AND version = ? LIMIT ?)`);
  const markPruned = db.prepare(`UPDATE watchlist_versions SET entries_kept = 0
    WHERE installed_app_id = ? AND entries_kept = 1 AND version < ?`);
  const prunedWithEntries = db.prepare(`SELECT DISTINCT v.version FROM watchlist_versions v
    WHERE v.installed_app_id = ? AND v.entries_kept = 0 AND EXISTS (SELECT 1 FROM watchlist_version_entries e
      WHERE e.installed_app_id = v.installed_app_id AND e.version = v.version)`);
  const removeOrphans = db.prepare(`DELETE FROM watchlist_version_entries WHERE (installed_app_id, version) NOT IN
    (SELECT installed_app_id, version FROM watchlist_versions WHERE entries_kept = 1)`);

  const missingFrom = (alias: string, version: string, other: string) =>
    `NOT EXISTS (SELECT 1 FROM watchlist_version_entries o WHERE o.installed_app_id = @app AND o.version = ${version}
      AND o.entry_id = ${alias}.entry_id) AND ${alias}.installed_app_id = @app AND ${alias}.version = ${other}`;
  const diff = db.prepare(`SELECT
      (SELECT COUNT(*) FROM watchlist_version_entries n WHERE ${missingFrom('n', '@from', '@to')}) AS added,
      (SELECT COUNT(*) FROM watchlist_version_entries f WHERE ${missingFrom('f', '@to', '@from')}) AS removed,
      (SELECT COUNT(*) FROM watchlist_version_entries n JOIN watchlist_version_entries f
        ON f.installed_app_id = n.installed_app_id AND f.version = @from AND f.entry_id = n.entry_id
        WHERE n.installed_app_id = @app AND n.version = @to AND n.entry <> f.entry) AS changed`);
  const DiffRow = z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() });

  const maxInt = (value: unknown): number | null => z.number().int().nullable().parse(value);
  const maxText = (value: unknown): string | null => z.string().nullable().parse(value);

  return {
    state(installedAppId: string): WatchlistState {
      const raw = state.get(installedAppId);
      if (raw === undefined) return { version: 0, updatedAt: null };
      const row = StateRow.parse(raw);
      return { version: row.version, updatedAt: row.updated_at };
    },
    /** The number a new version takes: above every version recorded or ever active. */
    nextVersion(installedAppId: string): number {
      return (maxInt(latest.pluck().get({ app: installedAppId })) ?? 0) + 1;
    },
    /** A version's entries in entry_id order, `limit` at a time after `after` ('' for the first page). */
    entriesAfter(installedAppId: string, version: number, after: string, limit: number): WatchlistEntry[] {
      return entriesPage
        .pluck()
        .all(installedAppId, version, after, limit)
        .map((raw) => parseJsonColumn(WatchlistEntry, z.string().parse(raw), 'watchlist_version_entries.entry'));
    },
    /**
     * The same pages as stored text, for the index build in the build process (a child),
     * which parses and checks each entry itself (the main thread only reads rows).
     */
    entryRowsAfter(installedAppId: string, version: number, after: string, limit: number): StoredEntryRow[] {
      return entryRowsPage.all(installedAppId, version, after, limit).map((raw) => StoredEntryRow.parse(raw));
    },
    version(installedAppId: string, version: number): WatchlistVersion | null {
      const raw = versionRow.get(installedAppId, version);
      return raw === undefined ? null : toVersion(raw);
    },
    versions(installedAppId: string, limit: number): WatchlistVersion[] {
      return versionRows.all(installedAppId, limit).map(toVersion);
    },
    /** Entries per list of a version being written (for its row). */
    listCounts(installedAppId: string, version: number): { list: string; count: number }[] {
      return listCounts.all(installedAppId, version).map((raw) => WatchlistListCount.parse(raw));
    },
    /**
     * Writes the next range (at most `limit` source rows after `after`) of a new version's
     * entries; returns the range's last entry id, or null when the source is exhausted.
     * Each call is meant to be its own short transaction.
     */
    writeVersionRange(
      installedAppId: string,
      to: number,
      source: VersionSource,
      after: string,
      limit: number,
    ): string | null {
      if (source.kind === 'staged') {
        const upto = maxText(
          stagedRangeEnd.pluck().get({ app: installedAppId, import: source.importId, after, limit }),
        );
        if (upto !== null) copyStagedRange.run({ app: installedAppId, import: source.importId, to, after, upto });
        return upto;
      }
      const upto = maxText(versionRangeEnd.pluck().get({ app: installedAppId, from: source.version, after, limit }));
      if (upto === null) return null;
      copyVersionRange.run({
        app: installedAppId,
        from: source.version,
        to,
        after,
        upto,
        import: source.exceptImportId ?? '',
        lists: JSON.stringify(source.exceptLists),
      });
      return upto;
    },
    /** How version `to` differs from version `from`, by entry id. */
    diff(installedAppId: string, from: number, to: number): { added: number; removed: number; changed: number } {
      return DiffRow.parse(diff.get({ app: installedAppId, from, to }));
    },
    /** The last entry id of the next range of at most `limit` entries of a version (null: none left). */
    versionRangeEnd(installedAppId: string, version: number, after: string, limit: number): string | null {
      return maxText(versionRangeEnd.pluck().get({ app: installedAppId, from: version, after, limit }));
    },
    /** The same over an import's staged rows. */
    stagedRangeEnd(installedAppId: string, importId: string, after: string, limit: number): string | null {
      return maxText(stagedRangeEnd.pluck().get({ app: installedAppId, import: importId, after, limit }));
    },
    /** Deletes up to `limit` entries of a version; returns how many (0: none left). */
    deleteVersionEntries(installedAppId: string, version: number, limit: number): number {
      return deleteVersionChunk.run(installedAppId, version, limit).changes;
    },
    /** Records a fully written version and makes it the active one. Call inside a transaction. */
    activate(installedAppId: string, version: Omit<WatchlistVersion, 'entriesKept'>): void {
      insertVersion.run({
        app: installedAppId,
        ...version,
        files: JSON.stringify(version.files),
        lists: JSON.stringify(version.lists),
      });
      setActive.run(installedAppId, version.version, version.created_at);
    },
    /** Versions below `keepFrom` stop being restorable; their entries are then deleted (`prunable`). */
    markPrunedBelow(installedAppId: string, keepFrom: number): void {
      markPruned.run(installedAppId, keepFrom);
    },
    /** Versions no longer restorable that still hold entries. */
    prunable(installedAppId: string): number[] {
      return prunedWithEntries
        .pluck()
        .all(installedAppId)
        .map((v) => z.number().int().parse(v));
    },
    /** At start-up: entries of a version never activated (a process stopped mid-write) or pruned. */
    removeOrphanEntries(): void {
      removeOrphans.run();
    },
  };
}
