import { z } from 'zod';
import { KycSettings } from '@kyc-review/contracts';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';

export type StoredSettings = {
  readonly settings: KycSettings;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
};

const Row = z.object({
  settings: z.string(),
  version: z.number().int(),
  updated_at: z.string(),
  updated_by: z.string(),
});

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;

export function createSettingsRepository(db: Db) {
  const get = db.prepare(
    'SELECT settings, version, updated_at, updated_by FROM kyc_settings WHERE installed_app_id = ?',
  );
  const save =
    db.prepare(`INSERT INTO kyc_settings (installed_app_id, settings, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)
    ON CONFLICT (installed_app_id) DO UPDATE SET settings = excluded.settings, version = version + 1,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by`);

  return {
    /** null until the install saves settings: the defaults apply, as version 0. */
    get(installedAppId: string): StoredSettings | null {
      const raw = get.get(installedAppId);
      if (raw === undefined) return null;
      const row = Row.parse(raw);
      return {
        settings: parseJsonColumn(KycSettings, row.settings, 'kyc_settings.settings'),
        version: row.version,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      };
    },
    save(installedAppId: string, settings: KycSettings, at: string, by: string): void {
      save.run(installedAppId, JSON.stringify(settings), at, by);
    },
  };
}
