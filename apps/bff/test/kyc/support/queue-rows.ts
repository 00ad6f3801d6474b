import type { Db } from '../../../src/db/open-database';

// Cases written straight into SQLite for queue tests that need more than a sync of a few dozen
// gives: the same table, indexes and triggers as the sync's cases (kept counts, due dates, the
// search index), generated in SQL. Case i is `<word> i` (search text `<word> i <word>i@example.com`),
// status escalated when i is a multiple of 10 (else new), risk score (i % 100) / 100, created a
// minute apart.

export function writeQueueCases(db: Db, o: { install: string; count: number; word: string }): void {
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @count)
    INSERT INTO kyc_cases (case_id, installed_app_id, identity_id, status, version, display_name, search_text,
      identity_type, country, identity_created_at, listed, never_reviewed, risk_score, risk_level, top_reasons,
      open_hits, assessed_fingerprint, assessed_watchlist_version, assessed_settings_version, assessed_at,
      created_at, updated_at)
    SELECT @word || '-' || i, @install, printf('idt_%s_%06d', @word, i),
      CASE WHEN i % 10 = 0 THEN 'escalated' ELSE 'new' END, 1, @name || ' ' || i,
      @word || ' ' || i || ' ' || @word || i || '@example.com', 'individual', 'CA',
      strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01T00:00:00Z', '+' || i || ' minutes'), 1, 0, (i % 100) / 100.0, 'low',
      '[]', 0, 'f', 0, 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`,
  ).run({ ...o, name: `${o.word.charAt(0).toUpperCase()}${o.word.slice(1)}` });
}
