import { z } from 'zod';
import {
  WATCHLIST_ENTRY_LIMITS,
  WatchlistEntry,
  WatchlistEntryRef,
  WatchlistImportPreviewDto,
  CaseStatus,
  type WatchlistImportMode,
} from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import { jsonArrayRows, jsonText, jsonTextValues } from './sql/json';
import { positional } from './sql/named';
import type { SqlExecutor, SqlParam } from './sql/sql';

/** How the staged rows of one range compare with the version they would change. */
export type StagedRangeCounts = { added: number; changed: number; unchanged: number };

export type PendingImport = {
  readonly importId: string;
  readonly mode: WatchlistImportMode;
  readonly baseVersion: number;
  readonly preview: WatchlistImportPreviewDto;
};

const Counts = z.object({ added: z.number().int(), changed: z.number().int(), unchanged: z.number().int() });
const Ref = WatchlistEntryRef.extend({ kind: z.enum(['added', 'changed']) });
const PendingRow = z.object({
  import_id: z.string(),
  mode: z.enum(['append', 'replace']),
  base_version: z.number().int(),
  preview: z.string(),
});
const HittingRow = z.object({ identity_id: z.string(), display_name: z.string(), status: CaseStatus });
const EntryText = z.object({ entry: z.string() });
const ListRow = z.object({ list: z.string() });

/**
 * Staged rows per INSERT statement: 5 parameters each, 2 500 for a chunk of the import's 500
 * (SQLite allows 32 766, PostgreSQL 65 535). A chunk is then one statement, atomic on its own.
 */
const ROWS_PER_INSERT = 500;

const stagedEntry = (raw: unknown): WatchlistEntry =>
  parseJsonColumn(WatchlistEntry, EntryText.parse(raw).entry, 'watchlist_import_rows.entry');

/** Staged rows in (after, upto] of an import, each beside the same entry of version `base` (if any). */
const COMPARE = `FROM watchlist_import_rows r LEFT JOIN watchlist_version_entries v
    ON v.installed_app_id = r.installed_app_id AND v.version = @base AND v.entry_id = r.entry_id
  WHERE r.installed_app_id = @app AND r.import_id = @import AND r.entry_id > @after AND r.entry_id <= @upto`;
const NEW_OR_CHANGED = '(v.entry_id IS NULL OR v.entry <> r.entry)';
const sumOf = (condition: string) => `CAST(COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0) AS INTEGER)`;

export type WatchlistImportRepository = ReturnType<typeof createWatchlistImportRepository>;

/**
 * An upload on its way to a version (migrations 0010, 0017), on both engines (decision 022):
 * its entries staged while the files stream in, compared with the active version for the
 * preview, and the pending import a lead confirms or discards. Nothing here is read by
 * screening. Every statement but the start-up clean-up is keyed by the install.
 */
export function createWatchlistImportRepository(sql: SqlExecutor) {
  const { engine } = sql;
  const all = (text: string, params: Readonly<Record<string, SqlParam>>) => {
    const p = positional(text, params);
    return sql.all(p.text, p.params);
  };
  const removePending = (installedAppId: string, importId: string) =>
    sql.run('DELETE FROM watchlist_imports WHERE installed_app_id = ? AND import_id = ?', [installedAppId, importId]);

  return {
    /**
     * Writes entries of an import in progress, one statement per ROWS_PER_INSERT; nothing is
     * live until a version is written from them.
     */
    async stage(installedAppId: string, importId: string, entries: readonly WatchlistEntry[]): Promise<void> {
      for (let from = 0; from < entries.length; from += ROWS_PER_INSERT) {
        const rows = entries.slice(from, from + ROWS_PER_INSERT);
        await sql.run(
          `INSERT INTO watchlist_import_rows (installed_app_id, import_id, entry_id, list, entry)
            VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
          rows.flatMap((e) => [installedAppId, importId, e.entry_id, e.list, JSON.stringify(e)]),
        );
      }
    },
    /** Adds programmes to an entry of the import in progress (none: the entry was not staged). */
    async addStagedProgrammes(
      installedAppId: string,
      importId: string,
      entryId: string,
      programmes: readonly string[],
    ): Promise<void> {
      const key = [installedAppId, importId, entryId];
      const raw = await sql.one(
        'SELECT entry FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ? AND entry_id = ?',
        key,
      );
      if (raw === undefined) return;
      const entry = stagedEntry(raw);
      const merged = [...new Set([...entry.programmes, ...programmes])].slice(0, WATCHLIST_ENTRY_LIMITS.programmes);
      await sql.run(
        'UPDATE watchlist_import_rows SET entry = ? WHERE installed_app_id = ? AND import_id = ? AND entry_id = ?',
        [JSON.stringify({ ...entry, programmes: merged }), ...key],
      );
    },
    async stagedLists(installedAppId: string, importId: string): Promise<string[]> {
      const rows = await sql.all(
        'SELECT DISTINCT list FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ? ORDER BY list',
        [installedAppId, importId],
      );
      return rows.map((raw) => ListRow.parse(raw).list);
    },
    /** Staged rows in (after, upto] against version `base`: counts, and the entries added or changed. */
    async compareStaged(installedAppId: string, importId: string, base: number, after: string, upto: string) {
      const params = { app: installedAppId, import: importId, base, after, upto };
      const [countRow] = await all(
        `SELECT ${sumOf('v.entry_id IS NULL')} AS added,
          ${sumOf('v.entry_id IS NOT NULL AND v.entry <> r.entry')} AS changed,
          ${sumOf('v.entry = r.entry')} AS unchanged ${COMPARE}`,
        params,
      );
      const counts: StagedRangeCounts = Counts.parse(countRow);
      const samples = await all(
        `SELECT r.entry_id, ${jsonText(engine, 'r.entry', ['name'])} AS name, r.list,
          CASE WHEN v.entry_id IS NULL THEN 'added' ELSE 'changed' END AS kind
          ${COMPARE} AND ${NEW_OR_CHANGED} ORDER BY r.entry_id`,
        params,
      );
      return { counts, refs: samples.map((raw) => Ref.parse(raw)) };
    },
    /** Entries of version `base` in (after, upto] that a replace of `lists` would remove. */
    async removedInRange(
      installedAppId: string,
      importId: string,
      base: number,
      lists: readonly string[],
      after: string,
      upto: string,
    ): Promise<WatchlistEntryRef[]> {
      const rows = await all(
        `SELECT v.entry_id, ${jsonText(engine, 'v.entry', ['name'])} AS name, v.list FROM watchlist_version_entries v
          WHERE v.installed_app_id = @app AND v.version = @base AND v.entry_id > @after AND v.entry_id <= @upto
            AND v.list IN ${jsonTextValues(engine, '@lists')}
            AND NOT EXISTS (SELECT 1 FROM watchlist_import_rows r
              WHERE r.installed_app_id = @app AND r.import_id = @import AND r.entry_id = v.entry_id)
          ORDER BY v.entry_id`,
        { app: installedAppId, import: importId, base, after, upto, lists: JSON.stringify(lists) },
      );
      return rows.map((raw) => WatchlistEntryRef.parse(raw));
    },
    /** Listed cases whose current hits name one of the entries, with their status. */
    async casesHitting(
      installedAppId: string,
      entryIds: readonly string[],
    ): Promise<{ identityId: string; name: string; status: CaseStatus }[]> {
      if (entryIds.length === 0) return [];
      const rows = await all(
        `SELECT DISTINCT c.identity_id, c.display_name, c.status
          FROM kyc_cases c JOIN kyc_case_assessments a ON a.case_id = c.case_id,
            ${jsonArrayRows(engine, 'a.assessment', 'hits', 'h')}
          WHERE c.installed_app_id = @app AND c.listed = 1 AND a.assessment LIKE '%"hit_id"%'
            AND ${jsonText(engine, 'h.value', ['entry', 'entry_id'], 'json')} IN ${jsonTextValues(engine, '@ids')}
          ORDER BY c.identity_id`,
        { app: installedAppId, ids: JSON.stringify(entryIds) },
      );
      return rows.map((raw) => {
        const row = HittingRow.parse(raw);
        return { identityId: row.identity_id, name: row.display_name, status: row.status };
      });
    },
    /** The staged entries in (after, upto] that version `base` lacks or holds otherwise: what screening would newly see. */
    async stagedNewEntries(installedAppId: string, importId: string, base: number, after: string, upto: string) {
      const rows = await all(`SELECT r.entry ${COMPARE} AND ${NEW_OR_CHANGED} ORDER BY r.entry_id`, {
        app: installedAppId,
        import: importId,
        base,
        after,
        upto,
      });
      return rows.map(stagedEntry);
    },
    async savePending(installedAppId: string, preview: WatchlistImportPreviewDto, createdBy: string): Promise<void> {
      await sql.run(
        `INSERT INTO watchlist_imports (installed_app_id, import_id, mode, base_version, preview, created_by, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          installedAppId,
          preview.import_id,
          preview.mode,
          preview.base_version,
          JSON.stringify(preview),
          createdBy,
          preview.created_at,
        ],
      );
    },
    async pending(installedAppId: string): Promise<PendingImport | null> {
      const raw = await sql.one(
        `SELECT import_id, mode, base_version, preview FROM watchlist_imports WHERE installed_app_id = ?
          ORDER BY created_at DESC LIMIT 1`,
        [installedAppId],
      );
      if (raw === undefined) return null;
      const row = PendingRow.parse(raw);
      return {
        importId: row.import_id,
        mode: row.mode,
        baseVersion: row.base_version,
        preview: parseJsonColumn(WatchlistImportPreviewDto, row.preview, 'watchlist_imports.preview'),
      };
    },
    async removePending(installedAppId: string, importId: string): Promise<void> {
      await removePending(installedAppId, importId);
    },
    /** Deletes up to `limit` staged rows of an import; returns how many (0: none left). */
    discardStagedChunk(installedAppId: string, importId: string, limit: number): Promise<number> {
      return sql.run(
        `DELETE FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ? AND entry_id IN
          (SELECT entry_id FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ?
            ORDER BY entry_id LIMIT ?)`,
        [installedAppId, importId, installedAppId, importId, limit],
      );
    },
    /** At start-up: imports never outlive the process that read them. */
    async discardUnfinishedImports(): Promise<void> {
      await sql.run('DELETE FROM watchlist_import_rows');
      await sql.run('DELETE FROM watchlist_imports');
    },
  };
}
