import { z } from 'zod';
import { InstalledAppId, InstanceId, OrganizationId, UserId } from '@kyc-review/contracts';
import { countOf } from './sql/rows';
import type { SqlExecutor } from './sql/sql';

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

export function createLaunchTokenRepository(sql: SqlExecutor) {
  return {
    async insert(token: LaunchToken): Promise<void> {
      await sql.run(
        `INSERT INTO launch_tokens (token_hash, installed_app_id, instance_id, organization_id, user_id, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          token.tokenHash,
          token.installedAppId,
          token.instanceId,
          token.organizationId,
          token.userId,
          token.createdAt,
          token.expiresAt,
        ],
      );
    },
    /**
     * Removes and returns the token: single use whether or not it has expired. DELETE …
     * RETURNING makes "read and burn" one statement, so a token is taken once on either engine.
     */
    async take(tokenHash: string): Promise<LaunchToken | null> {
      const row = await sql.one('DELETE FROM launch_tokens WHERE token_hash = ? RETURNING *', [tokenHash]);
      return row === undefined ? null : Row.parse(row);
    },
    async deleteForInstall(installedAppId: string): Promise<void> {
      await sql.run('DELETE FROM launch_tokens WHERE installed_app_id = ?', [installedAppId]);
    },
    purgeExpired(nowMs: number): Promise<number> {
      return sql.run('DELETE FROM launch_tokens WHERE expires_at <= ?', [nowMs]);
    },
    async count(): Promise<number> {
      return countOf(await sql.one('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM launch_tokens'));
    },
  };
}
