import { z } from 'zod';
import { HitDisposition, HitReasonCode, WatchlistHit } from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';

export type HitDispositionRecord = {
  readonly entryId: string;
  readonly hitId: string;
  readonly disposition: HitDisposition;
  readonly hit: WatchlistHit;
  /** The reviewer id (older rows: the Cloud user id they were recorded with). */
  readonly disposedBy: string;
  readonly disposedByName: string | null;
  readonly disposedAt: string;
  /** Null for verdicts given before reasons were required. */
  readonly reasonCode: HitReasonCode | null;
  readonly note: string | null;
};

const Row = z.object({
  entry_id: z.string(),
  hit_id: z.string(),
  disposition: HitDisposition,
  hit: z.string(),
  disposed_by: z.string(),
  disposed_by_name: z.string().nullable(),
  disposed_at: z.string(),
  reason_code: HitReasonCode.nullable(),
  note: z.string().nullable(),
});

export type HitDispositionRepository = ReturnType<typeof createHitDispositionRepository>;

/** Remembered per (install, identity, watchlist entry): a dismissed entry never comes back. */
export function createHitDispositionRepository(db: Db) {
  const list = db.prepare('SELECT * FROM hit_dispositions WHERE installed_app_id = ? AND identity_id = ?');
  const upsert =
    db.prepare(`INSERT INTO hit_dispositions (installed_app_id, identity_id, entry_id, hit_id, disposition, hit, disposed_by,
      disposed_by_name, disposed_at, reason_code, note)
    VALUES (@installedAppId, @identityId, @entryId, @hitId, @disposition, @hit, @disposedBy, @disposedByName, @disposedAt,
      @reasonCode, @note)
    ON CONFLICT (installed_app_id, identity_id, entry_id) DO UPDATE SET hit_id = excluded.hit_id, disposition = excluded.disposition,
      hit = excluded.hit, disposed_by = excluded.disposed_by, disposed_by_name = excluded.disposed_by_name,
      disposed_at = excluded.disposed_at, reason_code = excluded.reason_code, note = excluded.note`);
  const remove = db.prepare(
    'DELETE FROM hit_dispositions WHERE installed_app_id = ? AND identity_id = ? AND entry_id = ?',
  );

  return {
    forIdentity(installedAppId: string, identityId: string): HitDispositionRecord[] {
      return list.all(installedAppId, identityId).map((raw) => {
        const r = Row.parse(raw);
        return {
          entryId: r.entry_id,
          hitId: r.hit_id,
          disposition: r.disposition,
          hit: parseJsonColumn(WatchlistHit, r.hit, 'hit_dispositions.hit'),
          disposedBy: r.disposed_by,
          disposedByName: r.disposed_by_name,
          disposedAt: r.disposed_at,
          reasonCode: r.reason_code,
          note: r.note,
        };
      });
    },
    save(installedAppId: string, identityId: string, record: HitDispositionRecord): void {
      upsert.run({ installedAppId, identityId, ...record, hit: JSON.stringify(record.hit) });
    },
    /** A lead's reversal: the hit is open again (the audit trail keeps the verdict). */
    remove(installedAppId: string, identityId: string, entryId: string): void {
      remove.run(installedAppId, identityId, entryId);
    },
  };
}
