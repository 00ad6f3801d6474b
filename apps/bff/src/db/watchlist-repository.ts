import { z } from 'zod';
import { WatchlistEntry } from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';

const StateRow = z.object({ version: z.number().int(), updated_at: z.string() });
const ListCount = z.object({ list: z.string(), n: z.number().int() });
const EntryRow = z.object({ entry: z.string() });

export type WatchlistState = { readonly version: number; readonly updatedAt: string | null };

export type WatchlistRepository = ReturnType<typeof createWatchlistRepository>;

export function createWatchlistRepository(db: Db) {
  const state = db.prepare('SELECT version, updated_at FROM watchlist_state WHERE installed_app_id = ?');
  const bump = db.prepare(`INSERT INTO watchlist_state (installed_app_id, version, updated_at) VALUES (?, 1, ?)
    ON CONFLICT (installed_app_id) DO UPDATE SET version = version + 1, updated_at = excluded.updated_at`);
  const entries = db.prepare('SELECT entry FROM watchlist_entries WHERE installed_app_id = ? ORDER BY entry_id');
  const lists = db.prepare(
    'SELECT list, COUNT(*) AS n FROM watchlist_entries WHERE installed_app_id = ? GROUP BY list ORDER BY list',
  );
  const removeList = db.prepare('DELETE FROM watchlist_entries WHERE installed_app_id = ? AND list = ?');
  const upsert = db.prepare(`INSERT INTO watchlist_entries (installed_app_id, entry_id, list, entry) VALUES (?, ?, ?, ?)
    ON CONFLICT (installed_app_id, entry_id) DO UPDATE SET list = excluded.list, entry = excluded.entry`);

  return {
    state(installedAppId: string): WatchlistState {
      const raw = state.get(installedAppId);
      if (raw === undefined) return { version: 0, updatedAt: null };
      const row = StateRow.parse(raw);
      return { version: row.version, updatedAt: row.updated_at };
    },
    entries(installedAppId: string): WatchlistEntry[] {
      return entries
        .all(installedAppId)
        .map((raw) => parseJsonColumn(WatchlistEntry, EntryRow.parse(raw).entry, 'watchlist_entries.entry'));
    },
    listCounts(installedAppId: string): { list: string; count: number }[] {
      return lists.all(installedAppId).map((raw) => {
        const row = ListCount.parse(raw);
        return { list: row.list, count: row.n };
      });
    },
    /**
     * Every list named in `entries` is replaced by the entries given; other lists stay.
     * Call inside a transaction. Bumps the version so cached screenings are redone.
     */
    replaceLists(installedAppId: string, newEntries: readonly WatchlistEntry[], at: string): void {
      for (const list of new Set(newEntries.map((e) => e.list))) removeList.run(installedAppId, list);
      for (const entry of newEntries) upsert.run(installedAppId, entry.entry_id, entry.list, JSON.stringify(entry));
      bump.run(installedAppId, at);
    },
  };
}
