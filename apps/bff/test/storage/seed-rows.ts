import type { SqlExecutor } from '../../src/db/sql/sql';

// Rows of the aggregates still written by synchronous code (cases, notes, mirror, imports),
// planted with plain SQL on either engine, for the suites of the repositories that read or
// delete them (retention, mirror purge, exports, dashboard).

const CASE_COLUMNS = `case_id, installed_app_id, identity_id, status, display_name, search_text, identity_type, country,
  identity_created_at, never_reviewed, risk_score, risk_level, top_reasons, open_hits, assessed_fingerprint,
  assessed_watchlist_version, assessed_settings_version, assessed_at, created_at, updated_at`;

export type SeedCase = {
  readonly installedAppId: string;
  readonly caseId: string;
  readonly status?: string;
  readonly riskLevel?: 'low' | 'medium' | 'high';
  readonly riskScore?: number;
  readonly openHits?: number;
  readonly displayName?: string;
  readonly country?: string | null;
  readonly at?: string;
};

/** A case (and its assessment) of `identityId` = `idt_<caseId>`. */
export async function insertCase(sql: SqlExecutor, c: SeedCase): Promise<void> {
  const at = c.at ?? '2026-12-01T10:00:00.000Z';
  const name = c.displayName ?? `Customer ${c.caseId}`;
  await sql.run(
    `INSERT INTO kyc_cases (${CASE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 'individual', ?, ?, 1, ?, ?, '[]', ?, 'fp', 1, 1, ?, ?, ?)`,
    [
      c.caseId,
      c.installedAppId,
      `idt_${c.caseId}`,
      c.status ?? 'new',
      name,
      name.toLowerCase(),
      c.country === undefined ? 'GB' : c.country,
      at,
      c.riskScore ?? 10,
      c.riskLevel ?? 'low',
      c.openHits ?? 0,
      at,
      at,
      at,
    ],
  );
  await sql.run("INSERT INTO kyc_case_assessments (case_id, assessment) VALUES (?, '{}')", [c.caseId]);
}

export async function insertNote(sql: SqlExecutor, installedAppId: string, caseId: string, at: string) {
  await sql.run(
    `INSERT INTO kyc_case_notes (note_id, installed_app_id, identity_id, case_id, author, body, created_at)
     VALUES (?, ?, ?, ?, 'rvw_1', 'Passport seen.', ?)`,
    [`note_${installedAppId}_${caseId}`, installedAppId, `idt_${caseId}`, caseId, at],
  );
}

export async function insertAudit(
  sql: SqlExecutor,
  installedAppId: string,
  caseId: string | null,
  action: string,
  at: string,
  extra: { readonly actor?: string; readonly reason?: string | null; readonly after?: string | null } = {},
) {
  await sql.run(
    `INSERT INTO kyc_audit (installed_app_id, identity_id, case_id, actor, action, after_state, reason, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      installedAppId,
      caseId === null ? null : `idt_${caseId}`,
      caseId,
      extra.actor ?? 'rvw_1',
      action,
      extra.after ?? null,
      extra.reason ?? null,
      at,
    ],
  );
}

/** A mirrored identity, the install's sync state and a staged import row. */
export async function insertMirror(sql: SqlExecutor, installedAppId: string, identityId: string, at: string) {
  await sql.run(
    `INSERT INTO identity_mirror (installed_app_id, identity_id, fingerprint, record, synced_at) VALUES (?, ?, 'fp', '{}', ?)`,
    [installedAppId, identityId, at],
  );
}

export async function insertSyncStateAndStagedImport(sql: SqlExecutor, installedAppId: string, at: string) {
  await sql.run('INSERT INTO mirror_sync_state (installed_app_id, last_started_at) VALUES (?, ?)', [
    installedAppId,
    at,
  ]);
  await sql.run(
    `INSERT INTO watchlist_imports (installed_app_id, import_id, mode, base_version, preview, created_by, created_at)
     VALUES (?, 'imp_1', 'replace', 0, '{}', 'rvw_1', ?)`,
    [installedAppId, at],
  );
  await sql.run(
    `INSERT INTO watchlist_import_rows (installed_app_id, import_id, entry_id, list, entry) VALUES (?, 'imp_1', 'e1', 'l', '{}')`,
    [installedAppId],
  );
}

/** Rows of `table` where `installed_app_id` is the install (or `where` with one `?`). */
export async function countRows(
  sql: SqlExecutor,
  table: string,
  installedAppId: string,
  where = 'installed_app_id = ?',
) {
  const row = await sql.one(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table} WHERE ${where}`, [installedAppId]);
  return typeof row === 'object' && row !== null && 'n' in row ? Number(row.n) : Number.NaN;
}
