import { z } from 'zod';
import { AlertPayload, KycMetadata, type OutboxContent } from '../services/outbox-payloads';
import {
  OutboxKind,
  OutboxState,
  type NewOutboxStep,
  type OutboxClaim,
  type OutboxOutcome,
  type OutboxStep,
} from '../services/outbox-step';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';
import type { SqlExecutor, SqlParam } from './sql/sql';

const Row = z.object({
  outbox_id: z.number().int(),
  installed_app_id: z.string(),
  identity_id: z.string(),
  case_id: z.string(),
  action_id: z.string(),
  kind: OutboxKind,
  payload: z.string(),
  state: OutboxState,
  reason: z.string().nullable(),
  attempts: z.number().int(),
  last_error_code: z.string().nullable(),
  next_attempt_at: z.number().int().nullable(),
  outcome_unknown: z.number().int(),
  anomaly_id: z.string().nullable(),
  done_at: z.string().nullable(),
});

// No content is stored as `{}`, as it always was.
const NoContent = z
  .object({})
  .strict()
  .transform(() => null);
const MetadataColumn = z.union([KycMetadata, NoContent]);
const AlertColumn = z.union([AlertPayload, NoContent]);

function contentOf(r: z.infer<typeof Row>): OutboxContent {
  return r.kind === 'metadata'
    ? { kind: 'metadata', payload: parseJsonColumn(MetadataColumn, r.payload, 'kyc_outbox.payload') }
    : { kind: 'alert', payload: parseJsonColumn(AlertColumn, r.payload, 'kyc_outbox.payload') };
}

function toStep(raw: unknown): OutboxStep {
  const r = Row.parse(raw);
  return {
    ...contentOf(r),
    outboxId: r.outbox_id,
    installedAppId: r.installed_app_id,
    identityId: r.identity_id,
    caseId: r.case_id,
    actionId: r.action_id,
    state: r.state,
    reason: r.reason,
    attempts: r.attempts,
    lastErrorCode: r.last_error_code,
    nextAttemptAt: r.next_attempt_at,
    outcomeUnknown: r.outcome_unknown === 1,
    anomalyId: r.anomaly_id,
    doneAt: r.done_at,
  };
}

const INSERT = `INSERT INTO kyc_outbox (installed_app_id, identity_id, case_id, action_id, kind, payload, state, reason,
    next_attempt_at, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const insertParams = (step: NewOutboxStep, at: string): SqlParam[] => [
  step.installedAppId,
  step.identityId,
  step.caseId,
  step.actionId,
  step.kind,
  JSON.stringify(step.payload ?? {}),
  step.state,
  step.reason,
  step.nextAttemptAt,
  at,
  at,
];
const FOR_ACTION = 'SELECT * FROM kyc_outbox WHERE installed_app_id = ? AND action_id = ? ORDER BY outbox_id';

/**
 * The claim, one statement on both engines. It takes due steps and holds them (claimed_by,
 * lease_until, and next_attempt_at pushed to the lease's end so no one else finds them due).
 * PostgreSQL adds FOR UPDATE SKIP LOCKED: replicas claiming at the same moment each take
 * other rows instead of waiting on one another; SQLite has one writer at a time, which is the
 * same promise. A step still held by an expired lease was being carried out by a worker that
 * stopped: its flag may have reached Cloud, so it comes back "look before flagging" (SET reads
 * the row as it was). A case's metadata waits while an earlier metadata step of the same case
 * is held by a live lease, so a case's writes land in order across replicas.
 */
const claimSql = (skipLocked: boolean) => `UPDATE kyc_outbox
  SET claimed_by = ?, lease_until = ?, next_attempt_at = ?,
    outcome_unknown = CASE WHEN kind = 'alert' AND claimed_by IS NOT NULL THEN 1 ELSE outcome_unknown END
  WHERE outbox_id IN (
    SELECT o.outbox_id FROM kyc_outbox o
    WHERE o.next_attempt_at IS NOT NULL AND o.next_attempt_at <= ?
      AND NOT (o.kind = 'metadata' AND EXISTS (
        SELECT 1 FROM kyc_outbox e
        WHERE e.installed_app_id = o.installed_app_id AND e.case_id = o.case_id AND e.kind = 'metadata'
          AND e.outbox_id < o.outbox_id AND e.lease_until > ?))
    ORDER BY o.outbox_id LIMIT ?${skipLocked ? ' FOR UPDATE SKIP LOCKED' : ''})
  RETURNING *`;

/** One attempt's outcome, for `record`. */
export type RecordedOutcome = { readonly outboxId: number; readonly outcome: OutboxOutcome };

const IdRow = z.object({ outbox_id: z.number().int() });

/**
 * The outcomes of a batch in one UPDATE from a VALUES list (both engines name its columns
 * column1…; PostgreSQL reads the unknown-typed parameters as text, hence the casts).
 */
const recordSql = (count: number) => `UPDATE kyc_outbox SET state = v.column2, reason = v.column3,
    attempts = CAST(v.column4 AS INTEGER), last_error_code = v.column5, next_attempt_at = CAST(v.column6 AS BIGINT),
    outcome_unknown = CAST(v.column7 AS INTEGER), anomaly_id = v.column8, done_at = v.column9, updated_at = ?,
    claimed_by = NULL, lease_until = NULL
  FROM (VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}) AS v
  WHERE kyc_outbox.outbox_id = CAST(v.column1 AS BIGINT) AND kyc_outbox.claimed_by = ?
  RETURNING kyc_outbox.outbox_id`;

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

/** The decision outbox on either engine (decision 022). */
export function createOutboxRepository(sql: SqlExecutor) {
  const claim = claimSql(sql.engine === 'postgres');
  return {
    async insert(step: NewOutboxStep, at: string): Promise<void> {
      await sql.run(INSERT, insertParams(step, at));
    },
    /** Takes up to `limit` due steps for `holder` until `nowMs + leaseMs`; oldest first. */
    async claimDue({ holder, nowMs, leaseMs, limit }: OutboxClaim): Promise<OutboxStep[]> {
      const until = nowMs + leaseMs;
      const rows = await sql.all(claim, [holder, until, until, nowMs, nowMs, limit]);
      return rows.map(toStep).sort((a, b) => a.outboxId - b.outboxId);
    },
    /**
     * Extends `holder`'s lease on every step of its claim it still holds (those not recorded
     * yet), in one statement: the ids it still holds (a step missing was taken over by another
     * claim after the lease ran out).
     */
    async renew(holder: string, untilMs: number): Promise<Set<number>> {
      const rows = await sql.all(
        'UPDATE kyc_outbox SET lease_until = ?, next_attempt_at = ? WHERE claimed_by = ? RETURNING outbox_id',
        [untilMs, untilMs, holder],
      );
      return new Set(rows.map((r) => IdRow.parse(r).outbox_id));
    },
    /**
     * Records the outcomes of a claim's attempts and releases those steps, in one statement (so
     * one commit for a batch), each only while `holder` still holds it: the ids recorded. A step
     * missing was taken over by another claim after the lease ran out; nothing of it is written.
     */
    async record(holder: string, outcomes: readonly RecordedOutcome[], at: string): Promise<Set<number>> {
      if (outcomes.length === 0) return new Set();
      const rows = await sql.all(recordSql(outcomes.length), [
        at,
        ...outcomes.flatMap(({ outboxId, outcome }) => [
          outboxId,
          outcome.state,
          outcome.reason,
          outcome.attempts,
          outcome.lastErrorCode,
          outcome.nextAttemptAt,
          outcome.outcomeUnknown ? 1 : 0,
          outcome.anomalyId,
          outcome.doneAt,
        ]),
        holder,
      ]);
      return new Set(rows.map((r) => IdRow.parse(r).outbox_id));
    },
    async forAction(installedAppId: string, actionId: string): Promise<OutboxStep[]> {
      return (await sql.all(FOR_ACTION, [installedAppId, actionId])).map(toStep);
    },
    /** A later decision's metadata supersedes this one: writing the older state would be wrong. */
    async hasLaterMetadata(step: OutboxStep): Promise<boolean> {
      const row = await sql.one(
        `SELECT 1 AS later FROM kyc_outbox WHERE installed_app_id = ? AND case_id = ? AND kind = 'metadata'
          AND outbox_id > ? AND state IN ('pending', 'failing', 'done') LIMIT 1`,
        [step.installedAppId, step.caseId, step.outboxId],
      );
      return row !== undefined;
    },
  };
}

export type SyncOutboxRepository = ReturnType<typeof createSyncOutboxRepository>;

/**
 * SQLite only, until cases are async (decision 022): the decisions, dispositions, information
 * requests and monitoring write their steps inside their synchronous transactions, and the case
 * screen reads a decision's steps. Same SQL and parser as the async repository.
 */
export function createSyncOutboxRepository(db: Db) {
  const insert = db.prepare(INSERT);
  const forAction = db.prepare(FOR_ACTION);
  return {
    insert(step: NewOutboxStep, at: string): void {
      insert.run(...insertParams(step, at));
    },
    forAction(installedAppId: string, actionId: string): OutboxStep[] {
      return forAction.all(installedAppId, actionId).map(toStep);
    },
  };
}
