import { z } from 'zod';
import { AlertPayload, KycMetadata, type OutboxContent } from '../services/outbox-payloads';
import { parseJsonColumn } from './json-column';
import type { Db } from './open-database';

export const OutboxKind = z.enum(['metadata', 'alert']);
export type OutboxKind = z.infer<typeof OutboxKind>;
export const OutboxState = z.enum(['not_needed', 'pending', 'done', 'skipped', 'failing']);
export type OutboxState = z.infer<typeof OutboxState>;

type StepFields = {
  readonly outboxId: number;
  readonly installedAppId: string;
  readonly identityId: string;
  readonly caseId: string;
  readonly actionId: string;
  readonly state: OutboxState;
  readonly reason: string | null;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  /** Epoch ms; null when nothing more will be tried. */
  readonly nextAttemptAt: number | null;
  readonly outcomeUnknown: boolean;
  readonly anomalyId: string | null;
  readonly doneAt: string | null;
};

/** A step of the outbox with its content parsed (the column holds JSON; `{}` for no content). */
export type OutboxStep = StepFields & OutboxContent;

export type NewOutboxStep = Pick<
  StepFields,
  'installedAppId' | 'identityId' | 'caseId' | 'actionId' | 'state' | 'reason' | 'nextAttemptAt'
> &
  OutboxContent;

/** What one attempt changes. */
export type OutboxOutcome = Pick<
  StepFields,
  'state' | 'reason' | 'attempts' | 'lastErrorCode' | 'nextAttemptAt' | 'outcomeUnknown' | 'anomalyId' | 'doneAt'
>;

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

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

export function createOutboxRepository(db: Db) {
  const insert =
    db.prepare(`INSERT INTO kyc_outbox (installed_app_id, identity_id, case_id, action_id, kind, payload, state, reason,
      next_attempt_at, created_at, updated_at)
    VALUES (@installedAppId, @identityId, @caseId, @actionId, @kind, @payload, @state, @reason, @nextAttemptAt, @at, @at)`);
  const due = db.prepare(
    'SELECT * FROM kyc_outbox WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ? ORDER BY outbox_id LIMIT ?',
  );
  // A claimed flag may reach Cloud and the process die before its answer is recorded: the
  // row says "look before flagging" until an attempt's outcome is written (decision 012).
  const lease = db.prepare(
    "UPDATE kyc_outbox SET next_attempt_at = ?, outcome_unknown = CASE WHEN kind = 'alert' THEN 1 ELSE outcome_unknown END WHERE outbox_id = ?",
  );
  const record =
    db.prepare(`UPDATE kyc_outbox SET state = @state, reason = @reason, attempts = @attempts, last_error_code = @lastErrorCode,
      next_attempt_at = @nextAttemptAt, outcome_unknown = @outcomeUnknown, anomaly_id = @anomalyId, done_at = @doneAt, updated_at = @at
    WHERE outbox_id = @outboxId`);
  const forAction = db.prepare(
    'SELECT * FROM kyc_outbox WHERE installed_app_id = ? AND action_id = ? ORDER BY outbox_id',
  );
  const later =
    db.prepare(`SELECT 1 FROM kyc_outbox WHERE installed_app_id = ? AND case_id = ? AND kind = 'metadata' AND outbox_id > ?
      AND state IN ('pending', 'failing', 'done') LIMIT 1`);

  return {
    insert(step: NewOutboxStep, at: string): void {
      insert.run({ ...step, payload: JSON.stringify(step.payload ?? {}), at });
    },
    /**
     * Takes the due steps and pushes their next attempt `leaseMs` ahead in one write
     * transaction, so another worker (or a replica) does not run them at the same time;
     * a crash mid-attempt leaves them due again once the lease runs out. The steps come
     * back as they were before the claim (a first flag does not look first).
     */
    claimDue(nowMs: number, leaseMs: number, limit: number): OutboxStep[] {
      return db
        .transaction(() => {
          const steps = due.all(nowMs, limit).map(toStep);
          for (const step of steps) lease.run(nowMs + leaseMs, step.outboxId);
          return steps;
        })
        .immediate();
    },
    record(outboxId: number, outcome: OutboxOutcome, at: string): void {
      record.run({ ...outcome, outcomeUnknown: outcome.outcomeUnknown ? 1 : 0, outboxId, at });
    },
    forAction(installedAppId: string, actionId: string): OutboxStep[] {
      return forAction.all(installedAppId, actionId).map(toStep);
    },
    /** A later decision's metadata supersedes this one: writing the older state would be wrong. */
    hasLaterMetadata(step: OutboxStep): boolean {
      return later.get(step.installedAppId, step.caseId, step.outboxId) !== undefined;
    },
  };
}
