import { z } from 'zod';
import { WATCHLIST_ENTRY_LIMITS, WatchlistEntry } from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';

const StateRow = z.object({ version: z.number().int(), updated_at: z.string() });
const ListCount = z.object({ list: z.string(), n: z.number().int() });
const EntryRow = z.object({ entry_id: z.string(), entry: z.string() });

export type WatchlistState = { readonly version: number; readonly updatedAt: string | null };

export type WatchlistRepository = ReturnType<typeof createWatchlistRepository>;

export function createWatchlistRepository(db: Db) {
  const state = db.prepare('SELECT version, updated_at FROM watchlist_state WHERE installed_app_id = ?');
  const bump = db.prepare(`INSERT INTO watchlist_state (installed_app_id, version, updated_at) VALUES (?, 1, ?)
    ON CONFLICT (installed_app_id) DO UPDATE SET version = version + 1, updated_at = excluded.updated_at`);
  const entriesPage = db.prepare(
    'SELECT entry_id, entry FROM watchlist_entries WHERE installed_app_id = ? AND entry_id > ? ORDER BY entry_id LIMIT ?',
  );
  const lists = db.prepare(
    'SELECT list, COUNT(*) AS n FROM watchlist_entries WHERE installed_app_id = ? GROUP BY list ORDER BY list',
  );
  const stage = db.prepare(
    'INSERT INTO watchlist_import_rows (installed_app_id, import_id, entry_id, list, entry) VALUES (?, ?, ?, ?, ?)',
  );
  const removeStagedLists = db.prepare(`DELETE FROM watchlist_entries WHERE installed_app_id = ? AND list IN
    (SELECT DISTINCT list FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ?)`);
  const applyStaged = db.prepare(`INSERT INTO watchlist_entries (installed_app_id, entry_id, list, entry)
    SELECT installed_app_id, entry_id, list, entry FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ?
    ON CONFLICT (installed_app_id, entry_id) DO UPDATE SET list = excluded.list, entry = excluded.entry`);
  const stagedEntry = db.prepare(
    'SELECT entry FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ? AND entry_id = ?',
  );
  const restage = db.prepare(
    'UPDATE watchlist_import_rows SET entry = ? WHERE installed_app_id = ? AND import_id = ? AND entry_id = ?',
  );
  const discardStaged = db.prepare('DELETE FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ?');
  const discardAllStaged = db.prepare('DELETE FROM watchlist_import_rows');

  return {
    state(installedAppId: string): WatchlistState {
      const raw = state.get(installedAppId);
      if (raw === undefined) return { version: 0, updatedAt: null };
      const row = StateRow.parse(raw);
      return { version: row.version, updatedAt: row.updated_at };
    },
    /** Entries in entry_id order, `limit` at a time after `after` ('' for the first page). */
    entriesAfter(installedAppId: string, after: string, limit: number): WatchlistEntry[] {
      return entriesPage.all(installedAppId, after, limit).map((raw) => {
        const row = EntryRow.parse(raw);
        return parseJsonColumn(WatchlistEntry, row.entry, 'watchlist_entries.entry');
      });
    },
    listCounts(installedAppId: string): { list: string; count: number }[] {
      return lists.all(installedAppId).map((raw) => {
        const row = ListCount.parse(raw);
        return { list: row.list, count: row.n };
      });
    },
    /** Writes entries of an import in progress; nothing is live until `applyImport`. */
    stage(installedAppId: string, importId: string, entries: readonly WatchlistEntry[]): void {
      for (const entry of entries)
        stage.run(installedAppId, importId, entry.entry_id, entry.list, JSON.stringify(entry));
    },
    /** Adds programmes to an entry of the import in progress (none: the entry was not staged). */
    addStagedProgrammes(
      installedAppId: string,
      importId: string,
      entryId: string,
      programmes: readonly string[],
    ): void {
      const raw = stagedEntry.pluck().get(installedAppId, importId, entryId);
      if (raw === undefined) return;
      const entry = parseJsonColumn(WatchlistEntry, z.string().parse(raw), 'watchlist_import_rows.entry');
      const merged = [...new Set([...entry.programmes, ...programmes])].slice(0, WATCHLIST_ENTRY_LIMITS.programmes);
      restage.run(JSON.stringify({ ...entry, programmes: merged }), installedAppId, importId, entryId);
    },
    /**
     * Every list named in the import is replaced by the import's entries; other lists stay.
     * Call inside a transaction. Bumps the version so cached screenings are redone.
     */
    applyImport(installedAppId: string, importId: string, at: string): void {
      removeStagedLists.run(installedAppId, installedAppId, importId);
      applyStaged.run(installedAppId, importId);
      discardStaged.run(installedAppId, importId);
      bump.run(installedAppId, at);
    },
    discardImport(installedAppId: string, importId: string): void {
      discardStaged.run(installedAppId, importId);
    },
    /** At start-up: imports never outlive the process that read them. */
    discardUnfinishedImports(): void {
      discardAllStaged.run();
    },
  };
}
