import { IdentityId } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { InstallCloudClient } from '../cloud/cloud-client';
import {
  CloudError,
  CloudNotFoundError,
  CloudRateLimitedError,
  CloudRejectedError,
  CloudUnauthorizedError,
} from '../cloud/cloud-errors';
import type { OutboxRepository } from '../db/outbox-repository';
import type { OutboxOutcome, OutboxStep } from './outbox-step';
import { AppError, MissingPermissionError } from '../errors';
import type { Logger } from '../logging/logger';
import { newReplicaId } from './replica-id';
import { alertMarker, NO_ALERTS_WRITE, NO_DATA_WRITE } from './write-back-plan';

/**
 * A claimed step is not picked again for this long, so a crash mid-call retries later. A claim
 * holds its whole batch under one lease: before an attempt starts with less than `RENEW_BELOW_MS`
 * of it left, the outcomes so far are recorded and the rest of the batch renewed, both in one
 * statement each. One attempt (the Cloud client's timeouts and retries: 3 × 5 s by default, at
 * most 3 × 60 s with CLOUD_TIMEOUT_MS at its maximum) therefore starts with at least that much
 * of the lease ahead.
 */
export const LEASE_MS = 120_000;
const RENEW_BELOW_MS = LEASE_MS / 2;
const BATCH = 25;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 10 * 60_000;
/** After this many failed tries the case says "failing" instead of "pending" (still retried). */
const FAILING_AFTER = 5;

export type OutboxWorkerDeps = {
  /** The outbox on the shared database: every replica's worker claims from the same table. */
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The Cloud client of an active install, or null when the install is gone. */
  readonly clientFor: (installedAppId: string) => InstallCloudClient | null;
  /** Names this worker in the claims it holds (default: a new replica id, services/replica-id.ts). */
  readonly workerId?: string;
};

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

export const backoffMs = (attempts: number) =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));

/** 401, 429 and 503 mean Cloud did not act on the request; anything else may have landed. */
const certainlyNotApplied = (error: unknown) => error instanceof CloudError && error.certainlyNotApplied;

/**
 * Drains the decision outbox (docs/decisions/012-decision-outbox.md): writes the flat
 * kyc_* metadata and raises alerts, retrying with backoff until each lands. State lives
 * in the database, so a restart picks up where the last process stopped, and
 * replicas share the work: each claim holds its steps under a lease (decision 022), and only
 * the holder records an outcome. Driven by an interval in production and by `runOnce()` in tests.
 */
export function createOutboxWorker({ outbox, clock, logger, clientFor, workerId = newReplicaId() }: OutboxWorkerDeps) {
  let claims = 0;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const finished = (step: OutboxStep, patch: Partial<OutboxOutcome>): OutboxOutcome => ({
    state: step.state,
    reason: step.reason,
    attempts: step.attempts,
    lastErrorCode: step.lastErrorCode,
    nextAttemptAt: null,
    outcomeUnknown: step.outcomeUnknown,
    anomalyId: step.anomalyId,
    doneAt: step.doneAt,
    ...patch,
  });

  async function carryOut(step: OutboxStep, client: InstallCloudClient): Promise<Partial<OutboxOutcome>> {
    const at = clock.now().toISOString();
    if (step.kind === 'metadata') {
      if (await outbox.hasLaterMetadata(step))
        return { state: 'not_needed', reason: 'Superseded by a later decision on this case.' };
      if (step.payload === null) return { state: 'not_needed', reason: 'Nothing to write.' };
      await client.updateIdentityMetadata(IdentityId.parse(step.identityId), step.payload);
      return { state: 'done', reason: null, doneAt: at, lastErrorCode: null };
    }
    const alert = step.payload;
    if (alert === null) return { state: 'not_needed', reason: null };
    const identityId = IdentityId.parse(step.identityId);
    if (step.outcomeUnknown) {
      // An earlier flag may have landed without us hearing back: look before flagging again.
      const marker = alertMarker(step.actionId);
      const existing = (await client.listAlerts({ identityId, pageSize: 100 })).data.find((a) =>
        a.description.includes(marker),
      );
      if (existing !== undefined)
        return {
          state: 'done',
          reason: null,
          doneAt: at,
          anomalyId: existing.anomaly_id,
          lastErrorCode: null,
          outcomeUnknown: false,
        };
    }
    const flagged = await client.flagAlert(identityId, alert);
    return {
      state: 'done',
      reason: null,
      doneAt: at,
      anomalyId: flagged.anomaly_id,
      lastErrorCode: null,
      outcomeUnknown: false,
    };
  }

  function failure(step: OutboxStep, error: unknown): Partial<OutboxOutcome> {
    const attempts = step.attempts + 1;
    const code = error instanceof CloudError || error instanceof AppError ? error.code : 'internal_error';
    if (error instanceof MissingPermissionError) {
      const required = error.details?.['required'];
      if (required === 'alerts:read') {
        return {
          state: 'failing',
          attempts,
          lastErrorCode: code,
          reason:
            'Cannot check whether an earlier attempt already raised this alert: the install lacks alerts:read. Check the identity in Blnk Cloud.',
        };
      }
      return {
        state: 'skipped',
        attempts,
        lastErrorCode: code,
        reason: step.kind === 'metadata' ? NO_DATA_WRITE : NO_ALERTS_WRITE,
      };
    }
    if (error instanceof CloudNotFoundError)
      return {
        state: 'skipped',
        attempts,
        lastErrorCode: code,
        reason: 'The identity no longer exists in Blnk Cloud.',
      };
    if (error instanceof CloudRejectedError)
      return {
        state: 'failing',
        attempts,
        lastErrorCode: code,
        reason: 'Blnk Cloud rejected the write as invalid; it will not be retried.',
      };
    const retryAfterMs =
      error instanceof CloudRateLimitedError && error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 0;
    const nextAttemptAt = clock.now().getTime() + Math.max(backoffMs(attempts), retryAfterMs);
    const outcomeUnknown = step.outcomeUnknown || (step.kind === 'alert' && !certainlyNotApplied(error));
    if (error instanceof CloudUnauthorizedError) {
      return {
        state: 'failing',
        attempts,
        lastErrorCode: code,
        nextAttemptAt,
        outcomeUnknown,
        reason: 'Blnk Cloud rejected the install’s key: reinstall the app from Blnk Cloud. Retrying.',
      };
    }
    const state = attempts >= FAILING_AFTER ? 'failing' : 'pending';
    return {
      state,
      attempts,
      lastErrorCode: code,
      nextAttemptAt,
      outcomeUnknown,
      reason: 'Blnk Cloud did not accept the write yet; retrying.',
    };
  }

  async function attempt(step: OutboxStep): Promise<OutboxOutcome> {
    const client = clientFor(step.installedAppId);
    let patch: Partial<OutboxOutcome>;
    if (client === null)
      patch = { state: 'skipped', reason: 'The app was uninstalled before this was written to Blnk Cloud.' };
    else {
      try {
        patch = await carryOut(step, client);
      } catch (error) {
        patch = failure(step, error);
        logger.warn('outbox step failed', {
          installed_app_id: step.installedAppId,
          action_id: step.actionId,
          kind: step.kind,
          code: patch.lastErrorCode,
          attempts: patch.attempts,
        });
      }
    }
    return finished(step, patch);
  }

  /** Another claim holds the step now; it carries it out (looking before flagging), not us. */
  const lost = (step: OutboxStep) =>
    logger.warn('outbox step taken over after its lease ran out', {
      installed_app_id: step.installedAppId,
      action_id: step.actionId,
      kind: step.kind,
    });

  /**
   * One claim: its steps tried in order (a case's later metadata must not land before its
   * earlier one), their outcomes recorded together when the batch ends, in one statement that
   * writes only the steps this claim still holds. A crash before that record leaves the batch
   * held until its lease runs out; the next claim then writes the metadata again (an idempotent
   * merge) and looks before flagging an alert (decision 012), so nothing lands twice.
   */
  async function drain(): Promise<number> {
    const holder = `${workerId}#${String(++claims)}`;
    const claimedAt = clock.now().getTime();
    const steps = await outbox.claimDue({ holder, nowMs: claimedAt, leaseMs: LEASE_MS, limit: BATCH });
    let leaseUntil = claimedAt + LEASE_MS;
    let held: ReadonlySet<number> | null = null;
    const outcomes: { step: OutboxStep; outcome: OutboxOutcome }[] = [];
    const record = async () => {
      const recorded = await outbox.record(
        holder,
        outcomes.map(({ step, outcome }) => ({ outboxId: step.outboxId, outcome })),
        clock.now().toISOString(),
      );
      for (const { step } of outcomes) if (!recorded.has(step.outboxId)) lost(step);
      outcomes.length = 0;
    };
    for (const step of steps) {
      if (leaseUntil - clock.now().getTime() < RENEW_BELOW_MS) {
        // A slow batch: what is done is recorded, and the rest held for a whole lease again.
        await record();
        leaseUntil = clock.now().getTime() + LEASE_MS;
        held = await outbox.renew(holder, leaseUntil);
      }
      if (held !== null && !held.has(step.outboxId)) {
        lost(step);
        continue;
      }
      outcomes.push({ step, outcome: await attempt(step) });
    }
    await record();
    return steps.length;
  }

  /** Attempts every due step once; concurrent calls share one run. Answers how many were tried. */
  function runOnce(): Promise<number> {
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    runOnce,
    start(intervalMs: number): void {
      if (timer !== null) return;
      timer = setInterval(() => {
        runOnce().catch((error: unknown) =>
          logger.error('outbox run failed', { reason: error instanceof Error ? error.name : 'unknown' }),
        );
      }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
