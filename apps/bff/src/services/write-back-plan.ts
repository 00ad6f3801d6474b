import type { Permission, WriteBackDto, WriteBackStep } from '@kyc-review/contracts';
import type { NewOutboxStep, OutboxStep } from './outbox-step';
import type { AlertPayload, KycMetadata } from './outbox-payloads';

// What a decision must write to Cloud, planned inside the decision's transaction and
// carried out by the outbox worker (docs/decisions/012-decision-outbox.md).

export { AlertPayload, KycMetadata } from './outbox-payloads';

export const NO_DATA_WRITE = 'Not written to the ledger: the install lacks data:write.';
export const NO_ALERTS_WRITE = 'No alert was raised: the install lacks alerts:write.';
export const AWAITING_SECOND_APPROVAL = 'Nothing is written until the second reviewer approves (four eyes).';

/** The marker that lets the worker find an alert it may already have raised for this action. */
export const alertMarker = (actionId: string) => `[kyc-review ${actionId}]`;

type Target = { installedAppId: string; identityId: string; caseId: string; actionId: string };

export function metadataStep(
  target: Target,
  metadata: KycMetadata | null,
  granted: readonly Permission[],
  nowMs: number,
): NewOutboxStep {
  const payload = metadata;
  if (metadata === null)
    return {
      ...target,
      kind: 'metadata',
      payload,
      state: 'not_needed',
      reason: AWAITING_SECOND_APPROVAL,
      nextAttemptAt: null,
    };
  if (!granted.includes('data:write'))
    return { ...target, kind: 'metadata', payload, state: 'skipped', reason: NO_DATA_WRITE, nextAttemptAt: null };
  return { ...target, kind: 'metadata', payload, state: 'pending', reason: null, nextAttemptAt: nowMs };
}

export function alertStep(
  target: Target,
  alert: AlertPayload | null,
  granted: readonly Permission[],
  nowMs: number,
): NewOutboxStep {
  if (alert === null)
    return { ...target, kind: 'alert', payload: null, state: 'not_needed', reason: null, nextAttemptAt: null };
  const payload = { ...alert, description: `${alert.description} ${alertMarker(target.actionId)}` };
  if (!granted.includes('alerts:write'))
    return { ...target, kind: 'alert', payload, state: 'skipped', reason: NO_ALERTS_WRITE, nextAttemptAt: null };
  return { ...target, kind: 'alert', payload, state: 'pending', reason: null, nextAttemptAt: nowMs };
}

function stepDto(step: OutboxStep | undefined): WriteBackStep {
  if (step === undefined)
    return {
      state: 'not_needed',
      reason: null,
      attempts: 0,
      last_error_code: null,
      next_attempt_at: null,
      done_at: null,
    };
  const scheduled = step.state === 'pending' || step.state === 'failing';
  return {
    state: step.state,
    reason: step.reason,
    attempts: step.attempts,
    last_error_code: step.lastErrorCode,
    next_attempt_at: scheduled && step.nextAttemptAt !== null ? new Date(step.nextAttemptAt).toISOString() : null,
    done_at: step.doneAt,
  };
}

export function toWriteBackDto(actionId: string, steps: readonly OutboxStep[]): WriteBackDto {
  const alert = steps.find((s) => s.kind === 'alert');
  return {
    decision_id: actionId,
    metadata: stepDto(steps.find((s) => s.kind === 'metadata')),
    alert: { ...stepDto(alert), anomaly_id: alert?.anomalyId ?? null },
  };
}
