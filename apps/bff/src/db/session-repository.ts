import { z } from 'zod';
import { InstalledAppId, InstanceId, OrganizationId, UserId } from '@kyc-review/contracts';
import type { Db } from './open-database';

/** A browser session as stored: the id is known only by its hash. */
export type StoredSession = {
  readonly idHash: string;
  readonly installedAppId: InstalledAppId;
  readonly instanceId: InstanceId;
  readonly organizationId: OrganizationId | null;
  readonly userId: UserId | null;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly idleExpiresAt: number;
  readonly absoluteExpiresAt: number;
};

const Row = z
  .object({
    id_hash: z.string(),
    installed_app_id: InstalledAppId,
    instance_id: InstanceId,
    organization_id: OrganizationId.nullable(),
    user_id: UserId.nullable(),
    csrf_token: z.string(),
    created_at: z.number(),
    idle_expires_at: z.number(),
    absolute_expires_at: z.number(),
  })
  .transform((r): StoredSession => ({
    idHash: r.id_hash,
    installedAppId: r.installed_app_id,
    instanceId: r.instance_id,
    organizationId: r.organization_id,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    idleExpiresAt: r.idle_expires_at,
    absoluteExpiresAt: r.absolute_expires_at,
  }));

export type SessionRepository = ReturnType<typeof createSessionRepository>;

export function createSessionRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO sessions (id_hash, installed_app_id, instance_id, organization_id, user_id, csrf_token,
      created_at, idle_expires_at, absolute_expires_at)
    VALUES (@idHash, @installedAppId, @instanceId, @organizationId, @userId, @csrfToken,
      @createdAt, @idleExpiresAt, @absoluteExpiresAt)`);
  const find = db.prepare('SELECT * FROM sessions WHERE id_hash = ?');
  const touch = db.prepare('UPDATE sessions SET idle_expires_at = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const deleteForInstall = db.prepare('DELETE FROM sessions WHERE installed_app_id = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE idle_expires_at <= @now OR absolute_expires_at <= @now');
  const count = db.prepare('SELECT COUNT(*) AS n FROM sessions');

  return {
    insert(session: StoredSession): void {
      insert.run(session);
    },
    find(idHash: string): StoredSession | null {
      const row: unknown = find.get(idHash);
      return row === undefined ? null : Row.parse(row);
    },
    touch(idHash: string, idleExpiresAt: number): void {
      touch.run(idleExpiresAt, idHash);
    },
    delete(idHash: string): void {
      remove.run(idHash);
    },
    deleteForInstall(installedAppId: string): void {
      deleteForInstall.run(installedAppId);
    },
    purgeExpired(nowMs: number): number {
      return purge.run({ now: nowMs }).changes;
    },
    count(): number {
      return z.object({ n: z.number() }).parse(count.get()).n;
    },
  };
}
