import { z } from 'zod';
import type { SqlExecutor } from './sql/sql';

// A reviewer's saved queue views (migration 0023), on both engines (decision 022). Every
// statement is keyed by the install and the reviewer: nobody reads or removes another's.

export type SavedViewRecord = {
  readonly viewId: string;
  readonly name: string;
  /** The filters as stored (JSON text); the service parses them with the contract. */
  readonly filters: string;
  readonly createdAt: string;
};

const Row = z.object({ view_id: z.string(), name: z.string(), filters: z.string(), created_at: z.string() });
const Count = z.object({ n: z.coerce.number().int() });

export type SavedViewRepository = ReturnType<typeof createSavedViewRepository>;

export function createSavedViewRepository(sql: SqlExecutor) {
  return {
    async list(installedAppId: string, reviewerId: string): Promise<SavedViewRecord[]> {
      const rows = await sql.all(
        `SELECT view_id, name, filters, created_at FROM kyc_saved_views
          WHERE installed_app_id = ? AND reviewer_id = ? ORDER BY name, view_id`,
        [installedAppId, reviewerId],
      );
      return rows.map((raw) => {
        const r = Row.parse(raw);
        return { viewId: r.view_id, name: r.name, filters: r.filters, createdAt: r.created_at };
      });
    },
    async count(installedAppId: string, reviewerId: string): Promise<number> {
      const row = await sql.one(
        'SELECT COUNT(*) AS n FROM kyc_saved_views WHERE installed_app_id = ? AND reviewer_id = ?',
        [installedAppId, reviewerId],
      );
      return Count.parse(row).n;
    },
    async nameTaken(installedAppId: string, reviewerId: string, name: string): Promise<boolean> {
      const row = await sql.one(
        'SELECT 1 AS n FROM kyc_saved_views WHERE installed_app_id = ? AND reviewer_id = ? AND name = ?',
        [installedAppId, reviewerId, name],
      );
      return row !== undefined;
    },
    async insert(view: SavedViewRecord & { readonly installedAppId: string; readonly reviewerId: string }) {
      await sql.run(
        `INSERT INTO kyc_saved_views (view_id, installed_app_id, reviewer_id, name, filters, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        [view.viewId, view.installedAppId, view.reviewerId, view.name, view.filters, view.createdAt],
      );
    },
    /** Whether a view of this reviewer was removed (false: none such, or another's). */
    async remove(installedAppId: string, reviewerId: string, viewId: string): Promise<boolean> {
      const changed = await sql.run(
        'DELETE FROM kyc_saved_views WHERE installed_app_id = ? AND reviewer_id = ? AND view_id = ?',
        [installedAppId, reviewerId, viewId],
      );
      return changed > 0;
    },
  };
}
