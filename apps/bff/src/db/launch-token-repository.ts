import { z } from 'zod';
import { InstalledAppId, InstanceId, OrganizationId, UserId } from '@kyc-review/contracts';
import type { Db } from './open-database';

/** A one-time launch token, known only by its hash. */
export type LaunchToken = {
  readonly tokenHash: string;
  readonly installedAppId: InstalledAppId;
  readonly instanceId: InstanceId;
  readonly organizationId: OrganizationId | null;
  readonly userId: UserId | null;
  readonly createdAt: number;
  readonly expiresAt: number;
};

const Row = z
  .object({
    token_hash: z.string(),
    installed_app_id: InstalledAppId,
    instance_id: InstanceId,
    organization_id: OrganizationId.nullable(),
    user_id: UserId.nullable(),
    created_at: z.number(),
    expires_at: z.number(),
  })
  .transform((r): LaunchToken => ({
    tokenHash: r.token_hash,
    installedAppId: r.installed_app_id,
    instanceId: r.instance_id,
    organizationId: r.organization_id,
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));

export type LaunchTokenRepository = ReturnType<typeof createLaunchTokenRepository>;

export function createLaunchTokenRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO launch_tokens (token_hash, installed_app_id, instance_id, organization_id, user_id, created_at, expires_at)
    VALUES (@tokenHash, @installedAppId, @instanceId, @organizationId, @userId, @createdAt, @expiresAt)`);
  // DELETE … RETURNING makes "read and burn" one statement: a token can be taken once.
  const take = db.prepare('DELETE FROM launch_tokens WHERE token_hash = ? RETURNING *');
  const deleteForInstall = db.prepare('DELETE FROM launch_tokens WHERE installed_app_id = ?');
  const purge = db.prepare('DELETE FROM launch_tokens WHERE expires_at <= ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM launch_tokens');

  return {
    insert(token: LaunchToken): void {
      insert.run(token);
    },
    /** Removes and returns the token: single use whether or not it has expired. */
    take(tokenHash: string): LaunchToken | null {
      const row: unknown = take.get(tokenHash);
      return row === undefined ? null : Row.parse(row);
    },
    deleteForInstall(installedAppId: string): void {
      deleteForInstall.run(installedAppId);
    },
    purgeExpired(nowMs: number): number {
      return purge.run(nowMs).changes;
    },
    count(): number {
      return z.object({ n: z.number() }).parse(count.get()).n;
    },
  };
}
