import { z } from 'zod';
import type { Db } from './open-database';

export type ThrottleState = {
  readonly failures: number;
  readonly firstFailedAt: number;
  readonly lockedUntil: number | null;
};

const Row = z.object({ failures: z.number().int(), first_failed_at: z.number(), locked_until: z.number().nullable() });

export type SignInThrottleRepository = ReturnType<typeof createSignInThrottleRepository>;

/** Failed sign-ins per (install, email), known or not, and the lock they lead to. */
export function createSignInThrottleRepository(db: Db) {
  const get = db.prepare('SELECT * FROM sign_in_throttle WHERE installed_app_id = ? AND email = ?');
  const put =
    db.prepare(`INSERT INTO sign_in_throttle (installed_app_id, email, failures, first_failed_at, locked_until)
    VALUES (@installedAppId, @email, @failures, @firstFailedAt, @lockedUntil)
    ON CONFLICT (installed_app_id, email) DO UPDATE SET failures = excluded.failures,
      first_failed_at = excluded.first_failed_at, locked_until = excluded.locked_until`);
  const clear = db.prepare('DELETE FROM sign_in_throttle WHERE installed_app_id = ? AND email = ?');
  const clearInstall = db.prepare('DELETE FROM sign_in_throttle WHERE installed_app_id = ?');

  return {
    get(installedAppId: string, email: string): ThrottleState | null {
      const row: unknown = get.get(installedAppId, email);
      if (row === undefined) return null;
      const r = Row.parse(row);
      return { failures: r.failures, firstFailedAt: r.first_failed_at, lockedUntil: r.locked_until };
    },
    put(installedAppId: string, email: string, state: ThrottleState): void {
      put.run({ installedAppId, email, ...state });
    },
    clear(installedAppId: string, email: string): void {
      clear.run(installedAppId, email);
    },
    clearInstall(installedAppId: string): void {
      clearInstall.run(installedAppId);
    },
  };
}
