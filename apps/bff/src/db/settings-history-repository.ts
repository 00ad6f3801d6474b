import { z } from 'zod';
import { KycSettings } from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';
import type { SqlExecutor, SqlParam } from './sql/sql';

/** One saved settings change as stored (migration 0024). */
export type SettingsChangeRecord = {
  readonly changeId: number;
  readonly version: number;
  readonly before: KycSettings;
  readonly after: KycSettings;
  /** As `kyc_settings.updated_by`: "Name (reviewer id)", or the id an older entry recorded. */
  readonly changedBy: string;
  readonly changedAt: string;
};

const Row = z.object({
  change_id: z.coerce.number().int(),
  version: z.coerce.number().int(),
  before_settings: z.string(),
  after_settings: z.string(),
  changed_by: z.string(),
  changed_at: z.string(),
});

const toRecord = (raw: unknown): SettingsChangeRecord => {
  const r = Row.parse(raw);
  return {
    changeId: r.change_id,
    version: r.version,
    before: parseJsonColumn(KycSettings, r.before_settings, 'kyc_settings_history.before_settings'),
    after: parseJsonColumn(KycSettings, r.after_settings, 'kyc_settings_history.after_settings'),
    changedBy: r.changed_by,
    changedAt: r.changed_at,
  };
};

const APPEND = `INSERT INTO kyc_settings_history (installed_app_id, version, before_settings, after_settings, changed_by, changed_at)
  VALUES (?, ?, ?, ?, ?, ?)`;
const appendParams = (installedAppId: string, c: Omit<SettingsChangeRecord, 'changeId'>): SqlParam[] => [
  installedAppId,
  c.version,
  JSON.stringify(c.before),
  JSON.stringify(c.after),
  c.changedBy,
  c.changedAt,
];
const COLUMNS = 'change_id, version, before_settings, after_settings, changed_by, changed_at';

export type SettingsHistoryRepository = ReturnType<typeof createSettingsHistoryRepository>;

/**
 * The append-only history of an install's settings changes, newest first, on both engines
 * (decision 022). Every statement is keyed by the install.
 */
export function createSettingsHistoryRepository(sql: SqlExecutor) {
  return {
    async append(installedAppId: string, c: Omit<SettingsChangeRecord, 'changeId'>): Promise<void> {
      await sql.run(APPEND, appendParams(installedAppId, c));
    },
    /** Up to `limit` changes older than `beforeId` (all when null), newest first. */
    async page(installedAppId: string, beforeId: number | null, limit: number): Promise<SettingsChangeRecord[]> {
      const rows =
        beforeId === null
          ? await sql.all(
              `SELECT ${COLUMNS} FROM kyc_settings_history WHERE installed_app_id = ?
                ORDER BY change_id DESC LIMIT ?`,
              [installedAppId, limit],
            )
          : await sql.all(
              `SELECT ${COLUMNS} FROM kyc_settings_history WHERE installed_app_id = ? AND change_id < ?
                ORDER BY change_id DESC LIMIT ?`,
              [installedAppId, beforeId, limit],
            );
      return rows.map(toRecord);
    },
  };
}

/**
 * SQLite only, until settings are async (decision 022): a save appends its history entry
 * inside the synchronous transaction that writes the settings and the audit row, so the
 * three commit together. The same SQL as the async repository.
 */
export function createSyncSettingsHistoryRepository(db: Db) {
  const append = db.prepare(APPEND);
  return {
    append(installedAppId: string, c: Omit<SettingsChangeRecord, 'changeId'>): void {
      append.run(...appendParams(installedAppId, c));
    },
  };
}
