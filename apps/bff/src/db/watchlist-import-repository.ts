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
import type { Db } from './open-database';

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

export type WatchlistImportRepository = ReturnType<typeof createWatchlistImportRepository>;

/**
 * An upload on its way to a version (migrations 0010, 0017): its entries staged while the
 * files stream in, compared with the active version for the preview, and the pending import
 * a lead confirms or discards. Nothing here is read by screening.
 */
export function createWatchlistImportRepository(db: Db) {
  const stage = db.prepare(
    'INSERT INTO watchlist_import_rows (installed_app_id, import_id, entry_id, list, entry) VALUES (?, ?, ?, ?, ?)',
  );
  const stagedEntry = db.prepare(
    'SELECT entry FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ? AND entry_id = ?',
  );
  const restage = db.prepare(
    'UPDATE watchlist_import_rows SET entry = ? WHERE installed_app_id = ? AND import_id = ? AND entry_id = ?',
  );
  const stagedLists = db.prepare(
    'SELECT DISTINCT list FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ? ORDER BY list',
  );
  const compare = `FROM watchlist_import_rows r LEFT JOIN watchlist_version_entries v
      ON v.installed_app_id = r.installed_app_id AND v.version = @base AND v.entry_id = r.entry_id
    WHERE r.installed_app_id = @app AND r.import_id = @import AND r.entry_id > @after AND r.entry_id <= @upto`;
  const stagedCounts = db.prepare(`SELECT COALESCE(SUM(v.entry_id IS NULL), 0) AS added,
      COALESCE(SUM(v.entry_id IS NOT NULL AND v.entry <> r.entry), 0) AS changed,
      COALESCE(SUM(v.entry = r.entry), 0) AS unchanged ${compare}`);
  const stagedSamples = db.prepare(`SELECT r.entry_id, json_extract(r.entry, '$.name') AS name, r.list,
      CASE WHEN v.entry_id IS NULL THEN 'added' ELSE 'changed' END AS kind
    ${compare} AND (v.entry_id IS NULL OR v.entry <> r.entry)`);
  const removedInRange = `FROM watchlist_version_entries v
    WHERE v.installed_app_id = @app AND v.version = @base AND v.entry_id > @after AND v.entry_id <= @upto
      AND v.list IN (SELECT value FROM json_each(@lists))
      AND NOT EXISTS (SELECT 1 FROM watchlist_import_rows r
        WHERE r.installed_app_id = @app AND r.import_id = @import AND r.entry_id = v.entry_id)`;
  const removed = db.prepare(
    `SELECT v.entry_id, json_extract(v.entry, '$.name') AS name, v.list ${removedInRange} ORDER BY v.entry_id`,
  );
  // Cases whose current hits name one of @ids (entries removed or changed).
  const affected = db.prepare(`SELECT DISTINCT c.identity_id, c.display_name, c.status
    FROM kyc_cases c JOIN kyc_case_assessments a ON a.case_id = c.case_id, json_each(a.assessment, '$.hits') h
    WHERE c.installed_app_id = @app AND c.listed = 1 AND a.assessment LIKE '%"hit_id"%'
      AND json_extract(h.value, '$.entry.entry_id') IN (SELECT value FROM json_each(@ids))`);
  const stagedNew = db.prepare(
    `SELECT r.entry ${compare} AND (v.entry_id IS NULL OR v.entry <> r.entry) ORDER BY r.entry_id`,
  );
  const savePending =
    db.prepare(`INSERT INTO watchlist_imports (installed_app_id, import_id, mode, base_version, preview,
    created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const pendingRow = db.prepare(
    'SELECT import_id, mode, base_version, preview FROM watchlist_imports WHERE installed_app_id = ? ORDER BY created_at DESC LIMIT 1',
  );
  const removePending = db.prepare('DELETE FROM watchlist_imports WHERE installed_app_id = ? AND import_id = ?');
  const stagedChunk = db.prepare(`DELETE FROM watchlist_import_rows WHERE rowid IN
    (SELECT rowid FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ? LIMIT ?)`);
  const discardStaged = db.prepare('DELETE FROM watchlist_import_rows WHERE installed_app_id = ? AND import_id = ?');
  const discardAllStaged = db.prepare('DELETE FROM watchlist_import_rows');
  const discardAllPending = db.prepare('DELETE FROM watchlist_imports');

  return {
    /** Writes entries of an import in progress; nothing is live until a version is written from them. */
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
    stagedLists(installedAppId: string, importId: string): string[] {
      return stagedLists
        .pluck()
        .all(installedAppId, importId)
        .map((l) => z.string().parse(l));
    },
    /** Staged rows in (after, upto] against version `base`: counts, and the entries added or changed. */
    compareStaged(installedAppId: string, importId: string, base: number, after: string, upto: string) {
      const params = { app: installedAppId, import: importId, base, after, upto };
      const counts: StagedRangeCounts = Counts.parse(stagedCounts.get(params));
      const refs = stagedSamples.all(params).map((raw) => Ref.parse(raw));
      return { counts, refs };
    },
    /** Entries of version `base` in (after, upto] that a replace of `lists` would remove. */
    removedInRange(
      installedAppId: string,
      importId: string,
      base: number,
      lists: readonly string[],
      after: string,
      upto: string,
    ): WatchlistEntryRef[] {
      const params = { app: installedAppId, import: importId, base, after, upto, lists: JSON.stringify(lists) };
      return removed.all(params).map((raw) => WatchlistEntryRef.parse(raw));
    },
    /** Listed cases whose current hits name one of the entries, with their status. */
    casesHitting(
      installedAppId: string,
      entryIds: readonly string[],
    ): { identityId: string; name: string; status: CaseStatus }[] {
      if (entryIds.length === 0) return [];
      return affected.all({ app: installedAppId, ids: JSON.stringify(entryIds) }).map((raw) => {
        const row = HittingRow.parse(raw);
        return { identityId: row.identity_id, name: row.display_name, status: row.status };
      });
    },
    /** The staged entries in (after, upto] that version `base` lacks or holds otherwise: what screening would newly see. */
    stagedNewEntries(installedAppId: string, importId: string, base: number, after: string, upto: string) {
      return stagedNew
        .pluck()
        .all({ app: installedAppId, import: importId, base, after, upto })
        .map((raw) => parseJsonColumn(WatchlistEntry, z.string().parse(raw), 'watchlist_import_rows.entry'));
    },
    savePending(installedAppId: string, preview: WatchlistImportPreviewDto, createdBy: string): void {
      savePending.run(
        installedAppId,
        preview.import_id,
        preview.mode,
        preview.base_version,
        JSON.stringify(preview),
        createdBy,
        preview.created_at,
      );
    },
    pending(installedAppId: string): PendingImport | null {
      const raw = pendingRow.get(installedAppId);
      if (raw === undefined) return null;
      const row = PendingRow.parse(raw);
      return {
        importId: row.import_id,
        mode: row.mode,
        baseVersion: row.base_version,
        preview: parseJsonColumn(WatchlistImportPreviewDto, row.preview, 'watchlist_imports.preview'),
      };
    },
    removePending(installedAppId: string, importId: string): void {
      removePending.run(installedAppId, importId);
    },
    /** Deletes up to `limit` staged rows of an import; returns how many (0: none left). */
    discardStagedChunk(installedAppId: string, importId: string, limit: number): number {
      return stagedChunk.run(installedAppId, importId, limit).changes;
    },
    discardImport(installedAppId: string, importId: string): void {
      removePending.run(installedAppId, importId);
      discardStaged.run(installedAppId, importId);
    },
    /** At start-up: imports never outlive the process that read them. */
    discardUnfinishedImports(): void {
      discardAllStaged.run();
      discardAllPending.run();
    },
  };
}
