import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate';
import { openDatabase } from './open-database';

// 0024 starts the settings change history from the settings_updated audit rows written
// before it, in order, so the history's version n is the settings' version n.
describe('migration 0024 (settings history)', () => {
  it('carries earlier settings changes over from the audit trail, per install and in order', () => {
    const db = openDatabase(':memory:');
    const all = loadMigrations();
    migrate(
      db,
      all.filter((m) => m.version <= 23),
    );
    const audit =
      db.prepare(`INSERT INTO kyc_audit (installed_app_id, actor, actor_name, action, before_state, after_state, at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    audit.run(
      'ia_1',
      'rvw_1',
      'Lena Lead',
      'settings_updated',
      '{"min_age":18}',
      '{"min_age":21}',
      '2026-11-01T10:00:00Z',
    );
    audit.run('ia_2', 'user_x', null, 'settings_updated', '{"min_age":18}', '{"min_age":30}', '2026-11-01T11:00:00Z');
    audit.run('ia_1', 'rvw_1', 'Lena Lead', 'decision:approve', null, null, '2026-11-01T11:30:00Z');
    audit.run(
      'ia_1',
      'rvw_2',
      'Ali Admin',
      'settings_updated',
      '{"min_age":21}',
      '{"min_age":25}',
      '2026-11-02T09:00:00Z',
    );
    migrate(db, all);
    expect(
      db
        .prepare(
          'SELECT installed_app_id, version, before_settings, after_settings, changed_by, changed_at FROM kyc_settings_history ORDER BY change_id',
        )
        .all(),
    ).toEqual([
      {
        installed_app_id: 'ia_1',
        version: 1,
        before_settings: '{"min_age":18}',
        after_settings: '{"min_age":21}',
        changed_by: 'Lena Lead (rvw_1)',
        changed_at: '2026-11-01T10:00:00Z',
      },
      {
        installed_app_id: 'ia_2',
        version: 1,
        before_settings: '{"min_age":18}',
        after_settings: '{"min_age":30}',
        changed_by: 'user_x',
        changed_at: '2026-11-01T11:00:00Z',
      },
      {
        installed_app_id: 'ia_1',
        version: 2,
        before_settings: '{"min_age":21}',
        after_settings: '{"min_age":25}',
        changed_by: 'Ali Admin (rvw_2)',
        changed_at: '2026-11-02T09:00:00Z',
      },
    ]);
    expect(() => db.exec('DELETE FROM kyc_settings_history')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE kyc_settings_history SET changed_by = 'someone'")).toThrow(/append-only/);
    db.close();
  });
});
