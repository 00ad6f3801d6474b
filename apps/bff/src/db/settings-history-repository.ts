import { z } from 'zod';
import { KycSettings } from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';

/** One saved settings change as stored (migration 0024). */
export type SettingsChangeRecord = {
  readonly changeId: number;
  readonly version: number;
  readonly before: KycSettings;
  readonly after: KycSettings;
  readonly changedBy: string;
  readonly changedAt: string;
};

const Row = z.object({
  change_id: z.number().int(),
  version: z.number().int(),
  before_settings: z.string(),
  after_settings: z.string(),
  changed_by: z.string(),
  changed_at: z.string(),
});

export type SettingsHistoryRepository = ReturnType<typeof createSettingsHistoryRepository>;

/** The append-only history of an install's settings changes, newest first. */
export function createSettingsHistoryRepository(db: Db) {
  const insert =
    db.prepare(`INSERT INTO kyc_settings_history (installed_app_id, version, before_settings, after_settings, changed_by, changed_at)
    VALUES (@install, @version, @before, @after, @by, @at)`);
  const page = db.prepare(`SELECT change_id, version, before_settings, after_settings, changed_by, changed_at
    FROM kyc_settings_history WHERE installed_app_id = ? AND change_id < ? ORDER BY change_id DESC LIMIT ?`);
  return {
    append(installedAppId: string, c: Omit<SettingsChangeRecord, 'changeId'>): void {
      insert.run({
        install: installedAppId,
        version: c.version,
        before: JSON.stringify(c.before),
        after: JSON.stringify(c.after),
        by: c.changedBy,
        at: c.changedAt,
      });
    },
    /** Up to `limit` changes older than `beforeId` (all when null), newest first. */
    page(installedAppId: string, beforeId: number | null, limit: number): SettingsChangeRecord[] {
      return page.all(installedAppId, beforeId ?? Number.MAX_SAFE_INTEGER, limit).map((raw) => {
        const r = Row.parse(raw);
        return {
          changeId: r.change_id,
          version: r.version,
          before: parseJsonColumn(KycSettings, r.before_settings, 'kyc_settings_history.before_settings'),
          after: parseJsonColumn(KycSettings, r.after_settings, 'kyc_settings_history.after_settings'),
          changedBy: r.changed_by,
          changedAt: r.changed_at,
        };
      });
    },
  };
}
