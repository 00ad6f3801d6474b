import { z } from 'zod';
import type { Db } from './open-database';

export type ReviewerPolicyRepository = ReturnType<typeof createReviewerPolicyRepository>;

/** The install's sign-in policy (migration 0014); no row: the defaults. */
export function createReviewerPolicyRepository(db: Db) {
  const get = db.prepare('SELECT require_totp_for_all FROM reviewer_policy WHERE installed_app_id = ?');
  const put = db.prepare(`INSERT INTO reviewer_policy (installed_app_id, require_totp_for_all, updated_at, updated_by)
    VALUES (?, ?, ?, ?) ON CONFLICT (installed_app_id) DO UPDATE SET require_totp_for_all = excluded.require_totp_for_all,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  const Row = z.object({ require_totp_for_all: z.number().int() });

  return {
    /** Whether every reviewer of the install needs a second factor, not only leads and admins. */
    requireTotpForAll(installedAppId: string): boolean {
      const row: unknown = get.get(installedAppId);
      return row !== undefined && Row.parse(row).require_totp_for_all === 1;
    },
    setRequireTotpForAll(installedAppId: string, value: boolean, at: string, by: string): void {
      put.run(installedAppId, value ? 1 : 0, at, by);
    },
  };
}
