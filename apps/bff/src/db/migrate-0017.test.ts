import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate';
import { openDatabase } from './open-database';

// 0017 makes watchlists versions: an install's list as it stood becomes its active version,
// with a version row counting its lists, and the old table goes.
describe('migration 0017 (watchlist versions)', () => {
  it("keeps each install's list as its active version", () => {
    const db = openDatabase(':memory:');
    const all = loadMigrations();
    migrate(
      db,
      all.filter((m) => m.version <= 16),
    );
    db.exec(`INSERT INTO watchlist_state (installed_app_id, version, updated_at) VALUES ('ia_1', 3, '2026-11-01T00:00:00.000Z');
      INSERT INTO watchlist_entries (installed_app_id, entry_id, list, entry) VALUES
        ('ia_1', 'e1', 'List A', '{"entry_id":"e1"}'), ('ia_1', 'e2', 'List A', '{"entry_id":"e2"}'),
        ('ia_1', 'e3', 'List B', '{"entry_id":"e3"}');`);
    migrate(db, all);
    expect(db.prepare('SELECT version, entry_id, list FROM watchlist_version_entries ORDER BY entry_id').all()).toEqual(
      [
        { version: 3, entry_id: 'e1', list: 'List A' },
        { version: 3, entry_id: 'e2', list: 'List A' },
        { version: 3, entry_id: 'e3', list: 'List B' },
      ],
    );
    expect(
      db
        .prepare('SELECT version, mode, entry_count, added, created_by, created_at, lists FROM watchlist_versions')
        .get(),
    ).toEqual({
      version: 3,
      mode: 'replace',
      entry_count: 3,
      added: 3,
      created_by: 'system',
      created_at: '2026-11-01T00:00:00.000Z',
      lists: '[{"list":"List A","count":2},{"list":"List B","count":1}]',
    });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'watchlist_entries'").get()).toBeUndefined();
    db.close();
  });
});
