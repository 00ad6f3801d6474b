import { openDatabase } from '../../apps/bff/src/db/open-database';
import { numberAt, stringAt } from './json';

// Cases written straight into a BFF's SQLite file, for queue benchmarks at sizes the identity
// sync cannot reach in a bench's time (bench/queue-page.ts with BENCH_QUEUE_SEEDED). They go
// through the same table, indexes and triggers as the sync's cases (kept counts, due dates),
// generated in SQL, so a million take minutes, not the hours a sync would. They have no
// mirrored identity (a sync never unlists them) and no stored assessment: the queue reads
// neither; opening one of them as a case would fail.

const CHUNK = 50_000;
const COUNTRIES = JSON.stringify(
  'Canada Germany Nigeria France Brazil India Japan Kenya Mexico Spain Italy Ghana Chile Peru Egypt Norway Poland Turkey Vietnam Austria'.split(
    ' ',
  ),
);

/**
 * Adds `count` listed cases to `install`: a backlog created one minute apart going back from
 * 2026-12-01 (so most open cases are overdue), statuses, bands, types and 20 countries in
 * fixed shares, 1 % assigned to `reviewer`, 2 % to others, and a few awaiting a second
 * approval from someone else. Returns the cases of the install afterwards.
 */
export function seedQueueCases(file: string, install: string, count: number, reviewer: string): number {
  const db = openDatabase(file);
  try {
    db.pragma('busy_timeout = 30000');
    const insert =
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT CAST(@from AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @to),
      g AS (SELECT i, (i * 7919) % 100 AS h, (i * 104729) % 1000 AS r, (i * 31) % 20 AS c,
        strftime('%Y-%m-%dT%H:%M:%fZ', '2026-12-01T00:00:00Z', '-' || i || ' minutes') AS at FROM n),
      s AS (SELECT *, CASE WHEN h < 50 THEN 'new' WHEN h < 60 THEN 'in_review' WHEN h < 80 THEN 'approved'
        WHEN h < 85 THEN 'rejected' WHEN h < 88 THEN 'escalated' WHEN h < 93 THEN 'info_requested'
        ELSE 'needs_rereview' END AS status, r / 1000.0 AS score FROM g)
      INSERT INTO kyc_cases (case_id, installed_app_id, identity_id, status, version, display_name, search_text,
        identity_type, country, identity_created_at, listed, never_reviewed, risk_score, risk_level, top_reasons,
        open_hits, assessed_fingerprint, assessed_watchlist_version, assessed_settings_version, assessed_at,
        created_at, updated_at, decided_at, decided_level)
      SELECT 'seed-' || i, @install, printf('idt_seed_%07d', i), status, 1, 'Seeded Person ' || i,
        'seeded person ' || i, CASE WHEN h % 7 = 0 THEN 'organization' ELSE 'individual' END,
        json_extract(@countries, '$[' || c || ']'), at, 1, CASE WHEN h % 3 = 0 THEN 1 ELSE 0 END, score,
        CASE WHEN score < 0.4 THEN 'low' WHEN score < 0.7 THEN 'medium' ELSE 'high' END, '[]', h % 2,
        'seed', 0, 0, at, at, at, CASE WHEN status IN ('approved', 'rejected') THEN at END,
        CASE WHEN status IN ('approved', 'rejected') THEN 'low' END
      FROM s`);
    for (let from = 0; from < count; from += CHUNK) {
      db.transaction(() => insert.run({ from, to: Math.min(count, from + CHUNK), install, countries: COUNTRIES }))();
      if ((from / CHUNK) % 4 === 3) console.log(`seeded ${String(from + CHUNK)} of ${String(count)} cases`);
    }
    db.transaction(() => {
      db.prepare(
        `UPDATE kyc_cases SET assignee_id = CASE WHEN (rowid * 48271) % 1009 < 10 THEN @me ELSE 'rvw_seed_' || (rowid % 7) END,
          assigned_at = created_at WHERE installed_app_id = @install AND case_id LIKE 'seed-%' AND (rowid * 48271) % 1009 < 30`,
      ).run({ me: reviewer, install });
      db.prepare(
        `UPDATE kyc_cases SET pending_approval = json_object('first_reviewer', 'rvw_seed_1', 'first_reviewer_name', 'Seed Lead')
          WHERE installed_app_id = @install AND case_id LIKE 'seed-%' AND status = 'in_review' AND rowid % 13 = 0`,
      ).run({ install });
    })();
    db.pragma('optimize');
    const row: unknown = db
      .prepare('SELECT COUNT(*) AS n FROM kyc_cases WHERE installed_app_id = ? AND listed = 1')
      .get(install);
    return numberAt(row, 'n');
  } finally {
    db.close();
  }
}

/** The reviewer id of the one reviewer the bench's install has (its admin). */
export function reviewerOf(file: string, install: string): string {
  const db = openDatabase(file);
  try {
    const row: unknown = db
      .prepare('SELECT reviewer_id AS id FROM reviewers WHERE installed_app_id = ? LIMIT 1')
      .get(install);
    return stringAt(row, 'id');
  } finally {
    db.close();
  }
}
