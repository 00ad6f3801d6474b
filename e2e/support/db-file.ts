import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';

// The BFF's SQLite file, opened read-only beside the running process (WAL lets a reader
// in while it writes): what was really stored, whatever the API says.

const AuditRow = z.object({ decision_id: z.string().nullable(), identity_id: z.string(), action: z.string() });
const OutboxRow = z.object({
  action_id: z.string(),
  identity_id: z.string(),
  kind: z.enum(['metadata', 'alert']),
  state: z.string(),
  attempts: z.number().int(),
  anomaly_id: z.string().nullable(),
  reason: z.string().nullable(),
});
const CaseRow = z.object({ identity_id: z.string(), status: z.string(), last_decision_id: z.string().nullable() });
const Count = z.object({ n: z.number().int() });

export type AuditRow = z.infer<typeof AuditRow>;
export type OutboxRow = z.infer<typeof OutboxRow>;

function withDb<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'kyc.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function countRows(dir: string, sql: string, ...params: unknown[]): number {
  return withDb(dir, (db) => Count.parse(db.prepare(sql).get(...params)).n);
}

/** Every decision's audit row, with the decision id it recorded. */
export function decisionAudit(dir: string, installedAppId: string): AuditRow[] {
  return withDb(dir, (db) =>
    z
      .array(AuditRow)
      .parse(
        db
          .prepare(
            "SELECT json_extract(after_state, '$.decision_id') AS decision_id, identity_id, action FROM kyc_audit WHERE installed_app_id = ? AND action LIKE 'decision:%'",
          )
          .all(installedAppId),
      ),
  );
}

export function outboxRows(dir: string, installedAppId: string): OutboxRow[] {
  return withDb(dir, (db) =>
    z
      .array(OutboxRow)
      .parse(
        db
          .prepare(
            'SELECT action_id, identity_id, kind, state, attempts, anomaly_id, reason FROM kyc_outbox WHERE installed_app_id = ?',
          )
          .all(installedAppId),
      ),
  );
}

export function caseRows(dir: string, installedAppId: string): z.infer<typeof CaseRow>[] {
  return withDb(dir, (db) =>
    z
      .array(CaseRow)
      .parse(
        db
          .prepare(
            "SELECT identity_id, status, json_extract(last_decision, '$.decision_id') AS last_decision_id FROM kyc_cases WHERE installed_app_id = ?",
          )
          .all(installedAppId),
      ),
  );
}

const ChangeRow = z.object({
  identity_id: z.string(),
  change_key: z.string(),
  action_id: z.string(),
  cause: z.string(),
});

/** Every change monitoring recorded for the install's cases (each raises one alert through the outbox). */
export function caseChanges(dir: string, installedAppId: string): z.infer<typeof ChangeRow>[] {
  return withDb(dir, (db) =>
    z.array(ChangeRow).parse(
      db
        .prepare(
          `SELECT c.identity_id, ch.change_key, ch.action_id, ch.cause FROM kyc_case_changes ch
             JOIN kyc_cases c ON c.case_id = ch.case_id WHERE ch.installed_app_id = ? ORDER BY ch.change_id`,
        )
        .all(installedAppId),
    ),
  );
}
