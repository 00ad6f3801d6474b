import { z } from 'zod';
import type { SqlExecutor } from './sql/sql';

export type ThrottleState = {
  readonly failures: number;
  readonly firstFailedAt: number;
  readonly lockedUntil: number | null;
};

const Row = z.object({ failures: z.number().int(), first_failed_at: z.number(), locked_until: z.number().nullable() });
const Recent = z.object({ n: z.number().int(), oldest: z.number().nullable() });

/** An install's sign-in steps within the rate's window: how many, and when the oldest was (epoch ms). */
export type RecentAttempts = { readonly count: number; readonly oldest: number | null };

export type SignInThrottleRepository = ReturnType<typeof createSignInThrottleRepository>;

/** Failed sign-ins per (install, email), known or not, the lock they lead to, and the install's recent steps. */
export function createSignInThrottleRepository(sql: SqlExecutor) {
  return {
    async get(installedAppId: string, email: string): Promise<ThrottleState | null> {
      const row = await sql.one('SELECT * FROM sign_in_throttle WHERE installed_app_id = ? AND email = ?', [
        installedAppId,
        email,
      ]);
      if (row === undefined) return null;
      const r = Row.parse(row);
      return { failures: r.failures, firstFailedAt: r.first_failed_at, lockedUntil: r.locked_until };
    },
    async put(installedAppId: string, email: string, state: ThrottleState): Promise<void> {
      await sql.run(
        `INSERT INTO sign_in_throttle (installed_app_id, email, failures, first_failed_at, locked_until)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (installed_app_id, email) DO UPDATE SET failures = excluded.failures,
          first_failed_at = excluded.first_failed_at, locked_until = excluded.locked_until`,
        [installedAppId, email, state.failures, state.firstFailedAt, state.lockedUntil],
      );
    },
    async clear(installedAppId: string, email: string): Promise<void> {
      await sql.run('DELETE FROM sign_in_throttle WHERE installed_app_id = ? AND email = ?', [installedAppId, email]);
    },
    async clearInstall(installedAppId: string): Promise<void> {
      await sql.run('DELETE FROM sign_in_throttle WHERE installed_app_id = ?', [installedAppId]);
      await sql.run('DELETE FROM sign_in_attempts WHERE installed_app_id = ?', [installedAppId]);
    },
    /** The install's sign-in steps since `sinceMs` (every replica's), after forgetting older ones. */
    async recentAttempts(installedAppId: string, sinceMs: number): Promise<RecentAttempts> {
      await sql.run('DELETE FROM sign_in_attempts WHERE installed_app_id = ? AND at <= ?', [installedAppId, sinceMs]);
      const r = Recent.parse(
        await sql.one(
          'SELECT CAST(COUNT(*) AS INTEGER) AS n, MIN(at) AS oldest FROM sign_in_attempts WHERE installed_app_id = ? AND at > ?',
          [installedAppId, sinceMs],
        ),
      );
      return { count: r.n, oldest: r.oldest };
    },
    async recordAttempt(installedAppId: string, atMs: number): Promise<void> {
      await sql.run('INSERT INTO sign_in_attempts (installed_app_id, at) VALUES (?, ?)', [installedAppId, atMs]);
    },
  };
}
