import { z } from 'zod';
import { ReviewerId } from '@kyc-review/contracts';
import type { SqlExecutor } from './sql/sql';

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
export function createRememberedDeviceRepository(sql: SqlExecutor) {
  return {
    async insert(device: RememberedDevice): Promise<void> {
      await sql.run(
        `INSERT INTO remembered_devices (device_hash, reviewer_id, installed_app_id, label, created_at, last_used_at,
          expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          device.deviceHash,
          device.reviewerId,
          device.installedAppId,
          device.label,
          device.createdAt,
          device.lastUsedAt,
          device.expiresAt,
        ],
      );
    },
    async find(deviceHash: string): Promise<RememberedDevice | null> {
      const row = await sql.one('SELECT * FROM remembered_devices WHERE device_hash = ?', [deviceHash]);
      return row === undefined ? null : Row.parse(row);
    },
    async touch(deviceHash: string, at: string): Promise<void> {
      await sql.run('UPDATE remembered_devices SET last_used_at = ? WHERE device_hash = ?', [at, deviceHash]);
    },
    /** Most recently used first. */
    async forReviewer(installedAppId: string, reviewerId: string): Promise<RememberedDevice[]> {
      const rows = await sql.all(
        `SELECT * FROM remembered_devices WHERE installed_app_id = ? AND reviewer_id = ?
          ORDER BY last_used_at DESC, device_hash`,
        [installedAppId, reviewerId],
      );
      return rows.map((row) => Row.parse(row));
    },
    async delete(deviceHash: string): Promise<void> {
      await sql.run('DELETE FROM remembered_devices WHERE device_hash = ?', [deviceHash]);
    },
    deleteForReviewer(installedAppId: string, reviewerId: string): Promise<number> {
      return sql.run('DELETE FROM remembered_devices WHERE installed_app_id = ? AND reviewer_id = ?', [
        installedAppId,
        reviewerId,
      ]);
    },
    deleteForInstall(installedAppId: string): Promise<number> {
      return sql.run('DELETE FROM remembered_devices WHERE installed_app_id = ?', [installedAppId]);
    },
    purgeExpired(nowMs: number): Promise<number> {
      return sql.run('DELETE FROM remembered_devices WHERE expires_at <= ?', [nowMs]);
    },
  };
}
