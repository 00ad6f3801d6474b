import { z } from 'zod';
import type { OutboxContent } from './outbox-payloads';

// The outbox's domain records (docs/decisions/012-decision-outbox.md): a step the decision
// wrote, what one attempt changes, and how a worker holds a step while it carries it out.

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
  /** An earlier attempt may have reached Cloud without its answer being recorded: look before flagging. */
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

/** A worker's claim on the due steps: `holder` names this claim; the steps are its own until `nowMs + leaseMs`. */
export type OutboxClaim = {
  readonly holder: string;
  readonly nowMs: number;
  readonly leaseMs: number;
  readonly limit: number;
};
