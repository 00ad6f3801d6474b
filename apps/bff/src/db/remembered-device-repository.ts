import { z } from 'zod';
import { ReviewerId } from '@kyc-review/contracts';
import type { Db } from './open-database';

export type RememberedDevice = {
  readonly deviceHash: string;
  readonly reviewerId: ReviewerId;
  readonly installedAppId: string;
  readonly label: string;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  readonly expiresAt: number;
};

const Row = z
  .object({
    device_hash: z.string(),
    reviewer_id: ReviewerId,
    installed_app_id: z.string(),
    label: z.string(),
    created_at: z.string(),
    last_used_at: z.string(),
    expires_at: z.number(),
  })
  .transform((r): RememberedDevice => ({
    deviceHash: r.device_hash,
    reviewerId: r.reviewer_id,
    installedAppId: r.installed_app_id,
    label: r.label,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
  }));

export type RememberedDeviceRepository = ReturnType<typeof createRememberedDeviceRepository>;

/** "Remember this browser" tokens, known only by their hash. */
export function createRememberedDeviceRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO remembered_devices (device_hash, reviewer_id, installed_app_id, label,
    created_at, last_used_at, expires_at) VALUES (@deviceHash, @reviewerId, @installedAppId, @label, @createdAt,
    @lastUsedAt, @expiresAt)`);
  const find = db.prepare('SELECT * FROM remembered_devices WHERE device_hash = ?');
  const used = db.prepare('UPDATE remembered_devices SET last_used_at = ? WHERE device_hash = ?');
  const forReviewer = db.prepare(
    'SELECT * FROM remembered_devices WHERE installed_app_id = ? AND reviewer_id = ? ORDER BY last_used_at DESC',
  );
  const remove = db.prepare('DELETE FROM remembered_devices WHERE device_hash = ?');
  const removeForReviewer = db.prepare('DELETE FROM remembered_devices WHERE installed_app_id = ? AND reviewer_id = ?');
  const removeForInstall = db.prepare('DELETE FROM remembered_devices WHERE installed_app_id = ?');
  const purge = db.prepare('DELETE FROM remembered_devices WHERE expires_at <= ?');

  return {
    insert(device: RememberedDevice): void {
      insert.run(device);
    },
    find(deviceHash: string): RememberedDevice | null {
      const row: unknown = find.get(deviceHash);
      return row === undefined ? null : Row.parse(row);
    },
    touch(deviceHash: string, at: string): void {
      used.run(at, deviceHash);
    },
    forReviewer(installedAppId: string, reviewerId: string): RememberedDevice[] {
      return forReviewer.all(installedAppId, reviewerId).map((row) => Row.parse(row));
    },
    delete(deviceHash: string): void {
      remove.run(deviceHash);
    },
    deleteForReviewer(installedAppId: string, reviewerId: string): number {
      return removeForReviewer.run(installedAppId, reviewerId).changes;
    },
    deleteForInstall(installedAppId: string): number {
      return removeForInstall.run(installedAppId).changes;
    },
    purgeExpired(nowMs: number): number {
      return purge.run(nowMs).changes;
    },
  };
}
