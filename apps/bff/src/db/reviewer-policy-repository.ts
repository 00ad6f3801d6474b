import { z } from 'zod';
import type { SqlExecutor } from './sql/sql';

export type ReviewerPolicyRepository = ReturnType<typeof createReviewerPolicyRepository>;

const Row = z.object({ require_totp_for_all: z.number().int() });

/** The install's sign-in policy (migration 0014); no row: the defaults. */
export function createReviewerPolicyRepository(sql: SqlExecutor) {
  return {
    /** Whether every reviewer of the install needs a second factor, not only leads and admins. */
    async requireTotpForAll(installedAppId: string): Promise<boolean> {
      const row = await sql.one('SELECT require_totp_for_all FROM reviewer_policy WHERE installed_app_id = ?', [
        installedAppId,
      ]);
      return row !== undefined && Row.parse(row).require_totp_for_all === 1;
    },
    async setRequireTotpForAll(installedAppId: string, value: boolean, at: string, by: string): Promise<void> {
      await sql.run(
        `INSERT INTO reviewer_policy (installed_app_id, require_totp_for_all, updated_at, updated_by) VALUES (?, ?, ?, ?)
        ON CONFLICT (installed_app_id) DO UPDATE SET require_totp_for_all = excluded.require_totp_for_all,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [installedAppId, value ? 1 : 0, at, by],
      );
    },
  };
}
