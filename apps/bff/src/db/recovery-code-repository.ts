import type { Db } from './open-database';

export type RecoveryCodeRepository = ReturnType<typeof createRecoveryCodeRepository>;

/** A reviewer's single-use recovery codes, by hash only. */
export function createRecoveryCodeRepository(db: Db) {
  const removeAll = db.prepare('DELETE FROM reviewer_recovery_codes WHERE reviewer_id = ?');
  const insert = db.prepare('INSERT INTO reviewer_recovery_codes (reviewer_id, code_hash) VALUES (?, ?)');
  // One statement: a code can be used once, even by two requests at the same moment.
  const use = db.prepare(
    'UPDATE reviewer_recovery_codes SET used_at = ? WHERE reviewer_id = ? AND code_hash = ? AND used_at IS NULL',
  );
  const remaining = db.prepare(
    'SELECT COUNT(*) AS n FROM reviewer_recovery_codes WHERE reviewer_id = ? AND used_at IS NULL',
  );

  return {
    /** Replaces every code of the reviewer. */
    replace(reviewerId: string, hashes: readonly string[]): void {
      removeAll.run(reviewerId);
      for (const hash of hashes) insert.run(reviewerId, hash);
    },
    use(reviewerId: string, hash: string, at: string): boolean {
      return use.run(at, reviewerId, hash).changes === 1;
    },
    remaining(reviewerId: string): number {
      const row = remaining.get(reviewerId);
      return typeof row === 'object' && row !== null && 'n' in row && typeof row.n === 'number' ? row.n : 0;
    },
  };
}
