import { countOf } from './sql/rows';
import type { SqlExecutor } from './sql/sql';

export type RecoveryCodeRepository = ReturnType<typeof createRecoveryCodeRepository>;

/** A reviewer's single-use recovery codes, by hash only. */
export function createRecoveryCodeRepository(sql: SqlExecutor) {
  return {
    /** Replaces every code of the reviewer (call it in a transaction: all or nothing). */
    async replace(reviewerId: string, hashes: readonly string[]): Promise<void> {
      await sql.run('DELETE FROM reviewer_recovery_codes WHERE reviewer_id = ?', [reviewerId]);
      for (const hash of hashes)
        await sql.run('INSERT INTO reviewer_recovery_codes (reviewer_id, code_hash) VALUES (?, ?)', [reviewerId, hash]);
    },
    /** One statement: a code can be used once, even by two requests at the same moment. */
    async use(reviewerId: string, hash: string, at: string): Promise<boolean> {
      const changed = await sql.run(
        'UPDATE reviewer_recovery_codes SET used_at = ? WHERE reviewer_id = ? AND code_hash = ? AND used_at IS NULL',
        [at, reviewerId, hash],
      );
      return changed === 1;
    },
    async remaining(reviewerId: string): Promise<number> {
      return countOf(
        await sql.one(
          'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM reviewer_recovery_codes WHERE reviewer_id = ? AND used_at IS NULL',
          [reviewerId],
        ),
      );
    },
  };
}
